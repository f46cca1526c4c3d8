// Placeholder replaced by the TL generator (issue 3).
console.log('gen:tl: nothing to generate yet');
