// Filled in below: demo survey answers.
export {};
