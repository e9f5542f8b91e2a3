// Message ids are "<number>-<number>" (Redis Stream ids), ordered by the first number, then the second.
// Compared as digit strings, so ids beyond 2^53 keep their order too.

function compareDigits(a, b) {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareIds(a, b) {
  const [a1 = '0', a2 = '0'] = String(a).split('-');
  const [b1 = '0', b2 = '0'] = String(b).split('-');
  return compareDigits(a1, b1) || compareDigits(a2, b2);
}
