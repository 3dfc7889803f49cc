// The next link always points back to the first page (marker=0): a client would loop.
import { brokenServer } from './harness.js';

export default brokenServer({
  description: 'a broken next link: its marker does not advance',
  response: (answer) => {
    const links = (answer.json as { links?: { href: string }[] } | undefined)?.links;
    for (const l of links ?? []) l.href = l.href.replace(/marker=\d+/, 'marker=0');
    return answer;
  },
  expect: { case: 'flow list-pages', pointer: '/links/0/href', keyword: 'pagination' },
});
