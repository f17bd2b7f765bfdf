// The phone's position for a customer's location. Browsers report WGS-84.
export function locate() {
  return new Promise(resolve => {
    if (!navigator.geolocation) { resolve({ error: "unsupported" }); return; }
    navigator.geolocation.getCurrentPosition(
      p => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
      e => resolve({ error: e.code === 1 ? "denied" : "unavailable" }),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
}
