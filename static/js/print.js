// The poster's Print button (an inline onclick would need the Content-Security-Policy relaxed).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
