// Koppel testcentrum, toetsen: [data-afdrukken] prints the page (the Inlogcodes page).
// A separate file because the CSP forbids inline scripts; koppel.js holds the shared behaviour.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-afdrukken]")) {
    window.print();
  }
});
