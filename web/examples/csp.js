// Counts the Content-Security-Policy violations the browser reports on this page.
let count = 0;
document.addEventListener('securitypolicyviolation', (e) => {
  count += 1;
  const out = document.getElementById('violations');
  if (out) out.textContent = `${count} (last: ${e.violatedDirective} ${e.blockedURI})`;
});
