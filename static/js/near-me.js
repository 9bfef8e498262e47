// "Use my location": the phone's position, asked only when the patient presses the button, fills
// the form's lat and lon and sends it. Nothing leaves for a map service; the city list works
// without it.
document.querySelectorAll("[data-near-me]").forEach((button) => {
  if (!("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const form = button.closest("form");
    navigator.geolocation.getCurrentPosition((position) => {
      form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(3);
      form.querySelector("[name=lon]").value = position.coords.longitude.toFixed(3);
      form.querySelector("[name=near]").value = "";
      form.submit();
    });
  });
});
