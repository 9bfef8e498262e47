// "Use my location": the phone's position, asked only when the patient presses the button, fills
// the form's lat and lon, to about 10 km, and sends it. Nothing leaves for a map service; the city list works
// without it.
document.querySelectorAll("[data-near-me]").forEach((button) => {
  if (!("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const form = button.closest("form");
    navigator.geolocation.getCurrentPosition((position) => {
      form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(1);
      form.querySelector("[name=lon]").value = position.coords.longitude.toFixed(1);
      form.querySelector("[name=near]").value = "";
      form.submit();
    });
  });
});
