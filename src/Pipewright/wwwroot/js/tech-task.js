// The engineer's task page on a phone: photos, ticked items, a voice note, submit.
// Everything entered is kept in localStorage until the server confirms the submit; uploads and the submit carry
// an Idempotency-Key made once per file / per submit, so retrying after a lost answer never does the work twice.
// Files themselves live in memory only: a reload loses an upload that never reached the server (it says so).
(function () {
  const root = document.getElementById("task-work");
  if (!root) return;
  const taskId = root.dataset.task;
  const msg = name => root.dataset["msg" + name[0].toUpperCase() + name.slice(1)] || "";
  const token = root.querySelector("input[name=__RequestVerificationToken]").value;
  const storageKey = "pw-task-" + taskId;
  const status = document.getElementById("status");
  const submit = document.getElementById("submit");
  const note = document.getElementById("note");

  const saved = JSON.parse(localStorage.getItem(storageKey) || "null");
  const state = saved || { checked: [], attachments: [], note: "", started: false, submitKey: null };
  const pending = []; // { file, key, kind } not yet stored by the server

  function save() { localStorage.setItem(storageKey, JSON.stringify(state)); }

  function key() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(b, x => x.toString(16).padStart(2, "0")).join("");
  }

  function say(text, error) {
    status.textContent = text;
    status.classList.toggle("error", !!error);
  }

  async function post(url, body, idempotencyKey) {
    const headers = { "RequestVerificationToken": token };
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    if (!(body instanceof FormData)) headers["Content-Type"] = "application/json";
    return fetch(url, { method: "POST", headers, body: body instanceof FormData ? body : JSON.stringify(body || {}), credentials: "same-origin" });
  }

  async function problem(response) {
    try { const p = await response.json(); return p.detail || p.title || response.statusText; } catch { return response.statusText; }
  }

  // The first touch of the task is its first action (the response-time metric); once is enough.
  async function start() {
    if (state.started) return;
    state.started = true; save();
    try { await post(`/m/api/tasks/${taskId}/start`); } catch { state.started = false; save(); }
  }

  function showPhoto(a, localUrl) {
    const figure = document.createElement("figure");
    figure.dataset.attachment = a.id;
    const img = document.createElement("img");
    img.alt = a.fileName;
    img.src = localUrl || (a.previewUrl ? a.previewUrl.replace("/api/v1/", "/files/") : a.url.replace("/api/v1/", "/files/"));
    figure.append(img);
    document.getElementById("photos").append(figure);
  }

  function showAudio(a, localUrl) {
    const row = document.createElement("div");
    row.dataset.attachment = a.id;
    const label = document.createElement("span");
    label.textContent = msg("voice") + " · " + a.fileName;
    const audio = document.createElement("audio");
    audio.controls = true;
    audio.preload = "none";
    audio.src = localUrl || a.url.replace("/api/v1/", "/files/");
    row.append(label, audio);
    document.getElementById("audio").append(row);
  }

  function show(a, localUrl) { (a.contentType.startsWith("audio/") ? showAudio : showPhoto)(a, localUrl); }

  function refresh() {
    submit.disabled = pending.length > 0;
    if (pending.length > 0) say(navigator.onLine === false ? msg("offline") : msg("uploading"));
  }

  async function upload(item) {
    if (item.busy) return;
    item.busy = true;
    refresh();
    const form = new FormData();
    form.append("file", item.file, item.file.name);
    let response;
    try {
      response = await post("/m/api/attachments", form, item.key);
    } catch {
      item.busy = false;
      say(msg("offline"), true); // kept in `pending`; retried when the phone is back online
      return;
    }
    pending.splice(pending.indexOf(item), 1);
    if (!response.ok) { say(msg("failed") + " " + await problem(response), true); refresh(); return; }
    const a = await response.json();
    state.attachments.push({ id: a.id, fileName: a.fileName, contentType: a.contentType, url: a.url, previewUrl: a.previewUrl });
    save();
    show(a, URL.createObjectURL(item.file));
    refresh();
    if (pending.length === 0) say("");
  }

  function add(files) {
    start();
    for (const file of files) {
      const item = { file, key: key() };
      pending.push(item);
      upload(item);
    }
  }

  document.getElementById("photo-input").addEventListener("change", e => { add(e.target.files); e.target.value = ""; });
  document.getElementById("audio-input").addEventListener("change", e => { add(e.target.files); e.target.value = ""; });

  // Matching items.
  const boxes = Array.from(document.querySelectorAll("#items input[type=checkbox]"));
  for (const box of boxes) {
    box.checked = state.checked.includes(box.value);
    box.addEventListener("change", () => {
      start();
      state.checked = boxes.filter(b => b.checked).map(b => b.value);
      save();
    });
  }
  note.value = state.note || "";
  note.addEventListener("input", () => { state.note = note.value; save(); });

  // Voice note: MediaRecorder where the browser has it (WebM on Android/Chrome, MP4 on iOS); else the file input.
  const record = document.getElementById("record");
  let recorder = null;
  if (!window.MediaRecorder || !navigator.mediaDevices) record.hidden = true;
  record.addEventListener("click", async () => {
    if (recorder) { recorder.stop(); return; }
    let stream;
    try { stream = await navigator.mediaDevices.getUserMedia({ audio: true }); } catch { say(msg("mic"), true); return; }
    start();
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.ondataavailable = e => { if (e.data.size > 0) chunks.push(e.data); };
    recorder.onstop = () => {
      stream.getTracks().forEach(t => t.stop());
      const type = recorder.mimeType || "audio/webm";
      const extension = type.includes("mp4") ? "m4a" : type.includes("ogg") ? "ogg" : "webm";
      const stamp = new Date().toTimeString().slice(0, 8).replaceAll(":", "");
      recorder = null;
      record.classList.remove("recording");
      record.textContent = msg("record");
      say("");
      add([new File(chunks, `voice-${stamp}.${extension}`, { type })]);
    };
    recorder.start();
    record.classList.add("recording");
    record.textContent = msg("stop");
    say(msg("recording"));
  });

  // Submit: the key is saved before the first try, so a retry after a reload is the same request.
  async function send() {
    if (pending.length > 0) { say(msg("waiting"), true); return; }
    if (!state.submitKey) { state.submitKey = key(); save(); }
    submit.disabled = true;
    say(msg("submitting"));
    let response;
    try {
      response = await post(`/m/api/tasks/${taskId}/complete`,
        { checkedItems: state.checked, note: state.note || null, attachmentIds: state.attachments.map(a => a.id) }, state.submitKey);
    } catch {
      submit.disabled = false;
      say(msg("offline"), true);
      return;
    }
    if (response.ok) {
      localStorage.removeItem(storageKey);
      window.location.reload();
      return;
    }
    // Refused (a bad item, the task reassigned): a new try must be a new request.
    state.submitKey = null; save();
    submit.disabled = false;
    say(msg("failed") + " " + await problem(response), true);
  }
  submit.addEventListener("click", send);

  window.addEventListener("online", () => {
    for (const item of [...pending]) upload(item);
    if (state.submitKey && pending.length === 0) send();
  });
  window.addEventListener("offline", () => say(msg("offline"), true));

  for (const a of state.attachments) show(a);
  if (saved && (state.attachments.length || state.checked.length || state.note)) say(msg("restored"));
  if (state.submitKey) send(); // a submit that may not have reached the server before the page was closed
})();
