// The voice-note recorder of Dictation/Speech/RecordButton.razor.
//
// Records 16 kHz mono 16-bit WAV with Web Audio rather than MediaRecorder: MediaRecorder writes WebM/Opus,
// MP4/AAC or Ogg depending on the browser, and Baidu and whisper.cpp take none of them, while every engine
// takes this WAV as it is (no transcoding on the server). A minute is about 1.9 MB, fine for a visit note.
// The microphone is captured at the device's rate and averaged down to 16 kHz here, since some browsers
// refuse to connect a 48 kHz microphone to a 16 kHz audio context.
//
// Phones: hold to talk (touch). Desktop: click to start, click to stop. The recording is kept in memory until
// the server has accepted it; uploads are retried with backoff under one Idempotency-Key, and after an engine
// failure the retry names the stored attachment instead of sending the audio again.

const TargetRate = 16000;
const Retries = 4;

export function attach(root, dotnet, options) {
  const button = root.querySelector("[data-recorder-button]");
  const time = root.querySelector("[data-recorder-time]");
  const level = root.querySelector("[data-recorder-level]");
  const progress = root.querySelector("[data-recorder-progress]");
  let state = "idle";
  let audio = null;       // { stream, context, source, processor, chunks, startedAt, timer, level }
  let pending = null;     // { blob, key, attachmentId } until the server accepted it
  let pointer = "mouse";
  let releasedEarly = false;

  const set = s => { state = s; dotnet.invokeMethodAsync("Changed", s); };

  async function start() {
    if (state === "recording" || state === "starting" || state === "uploading") return;
    releasedEarly = false;
    state = "starting";
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
    } catch (e) {
      state = "idle";
      dotnet.invokeMethodAsync("Failed", e && (e.name === "NotAllowedError" || e.name === "SecurityError") ? "denied" : "noMicrophone", null, false);
      return;
    }
    const context = new (window.AudioContext || window.webkitAudioContext)();
    const source = context.createMediaStreamSource(stream);
    // ScriptProcessor rather than an AudioWorklet: it works in the older Android WebViews (WeChat) our users have.
    const processor = context.createScriptProcessor(4096, 1, 1);
    audio = { stream, context, source, processor, chunks: [], startedAt: performance.now(), level: 0 };
    processor.onaudioprocess = e => {
      const data = e.inputBuffer.getChannelData(0);
      audio.chunks.push(new Float32Array(data));
      let sum = 0;
      for (let i = 0; i < data.length; i++) sum += data[i] * data[i];
      audio.level = Math.min(1, Math.sqrt(sum / data.length) * 4);
    };
    source.connect(processor);
    processor.connect(context.destination);
    if (context.state === "suspended") await context.resume();
    audio.timer = setInterval(tick, 100);
    set("recording");
    if (releasedEarly) stop();
  }

  function tick() {
    if (!audio) return;
    const seconds = (performance.now() - audio.startedAt) / 1000;
    time.textContent = `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;
    level.style.width = `${Math.round(audio.level * 100)}%`;
    if (seconds >= options.maxSeconds) stop();
  }

  function stop() {
    if (state === "starting") { releasedEarly = true; return; }
    if (state !== "recording" || !audio) return;
    const { stream, context, source, processor, chunks, timer, startedAt } = audio;
    audio = null;
    clearInterval(timer);
    processor.onaudioprocess = null;
    source.disconnect();
    processor.disconnect();
    stream.getTracks().forEach(t => t.stop());
    context.close();
    level.style.width = "0%";
    if (performance.now() - startedAt < 600) { set("tooShort"); return; }
    pending = { blob: new Blob([encodeWav(chunks, context.sampleRate)], { type: "audio/wav" }), key: newKey(), attachmentId: null };
    upload();
  }

  async function upload() {
    if (!pending || state === "uploading") return;
    set("uploading");
    for (let attempt = 0; ; attempt++) {
      const answer = await send(pending);
      if (answer.ok) {
        pending = null;
        progress.textContent = "";
        state = "idle";
        dotnet.invokeMethodAsync("Transcribed", answer.body.text, answer.body.attachmentId);
        return;
      }
      if (answer.body && answer.body.attachmentId) pending.attachmentId = answer.body.attachmentId;
      const passing = answer.status === 0 || answer.status === 408 || answer.status === 429 || answer.status >= 500;
      if (!passing || attempt >= Retries - 1) {
        progress.textContent = "";
        state = "failed";
        // Refused for good (not audio, too large) there is nothing to retry; otherwise the recording waits,
        // also when the sign-in ran out (401): sign in again in another tab, then retry.
        if (!passing && answer.status !== 401 && !pending.attachmentId) pending = null;
        dotnet.invokeMethodAsync("Failed", answer.status === 0 ? "offline" : "server", answer.body && answer.body.detail || null, pending !== null);
        return;
      }
      progress.textContent = "";
      await new Promise(r => setTimeout(r, 1000 * 2 ** attempt));
    }
  }

  function send(item) {
    return new Promise(resolve => {
      const form = new FormData();
      if (item.attachmentId) form.append("attachmentId", item.attachmentId);
      else form.append("file", item.blob, "voice-note.wav");
      const xhr = new XMLHttpRequest();
      xhr.open("POST", options.url);
      xhr.setRequestHeader("RequestVerificationToken", options.token);
      xhr.setRequestHeader("Idempotency-Key", item.key);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.timeout = options.timeoutSeconds * 1000;
      xhr.upload.onprogress = e => { if (e.lengthComputable) progress.textContent = `${Math.round(e.loaded / e.total * 100)}%`; };
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch { body = null; }
        const success = xhr.status >= 200 && xhr.status < 300;
        // An expired cookie sends the request to the sign-in page, which answers 200 with HTML.
        if (success && !(body && typeof body.text === "string")) { resolve({ ok: false, status: 401, body: null }); return; }
        resolve({ ok: success, status: xhr.status, body });
      };
      xhr.onerror = () => resolve({ ok: false, status: 0, body: null });
      xhr.ontimeout = () => resolve({ ok: false, status: 0, body: null });
      xhr.send(form);
    });
  }

  const onPointerDown = e => {
    pointer = e.pointerType || "mouse";
    if (pointer === "mouse") return;
    e.preventDefault();
    // Keeps pointerup coming to the button when the finger slides off it while talking.
    try { button.setPointerCapture(e.pointerId); } catch { /* the pointer is already gone */ }
    start();
  };
  const onPointerUp = () => { if (pointer !== "mouse") stop(); };
  const onClick = e => {
    if (pointer !== "mouse" && e.detail !== 0) return;
    if (state === "recording" || state === "starting") stop(); else start();
  };
  const noMenu = e => e.preventDefault();
  button.addEventListener("pointerdown", onPointerDown);
  button.addEventListener("pointerup", onPointerUp);
  button.addEventListener("pointercancel", onPointerUp);
  button.addEventListener("click", onClick);
  button.addEventListener("contextmenu", noMenu);

  return {
    retry: () => { if (pending) upload(); },
    dispose: () => {
      button.removeEventListener("pointerdown", onPointerDown);
      button.removeEventListener("pointerup", onPointerUp);
      button.removeEventListener("pointercancel", onPointerUp);
      button.removeEventListener("click", onClick);
      button.removeEventListener("contextmenu", noMenu);
      if (audio) { clearInterval(audio.timer); audio.stream.getTracks().forEach(t => t.stop()); audio.context.close(); audio = null; }
    },
  };
}

// Idempotency keys work over plain http on a LAN too, where crypto.randomUUID is missing.
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
}

function encodeWav(chunks, rate) {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const input = new Float32Array(total);
  let offset = 0;
  for (const c of chunks) { input.set(c, offset); offset += c.length; }
  const ratio = rate / TargetRate;
  const length = Math.floor(total / ratio);
  const buffer = new ArrayBuffer(44 + length * 2);
  const view = new DataView(buffer);
  const text = (at, s) => { for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i)); };
  text(0, "RIFF"); view.setUint32(4, 36 + length * 2, true); text(8, "WAVE");
  text(12, "fmt "); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, TargetRate, true); view.setUint32(28, TargetRate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  text(36, "data"); view.setUint32(40, length * 2, true);
  for (let i = 0; i < length; i++) {
    // The mean of the samples a 16 kHz sample stands for: a cheap low-pass against aliasing.
    const from = Math.floor(i * ratio), to = Math.max(from + 1, Math.floor((i + 1) * ratio));
    let sum = 0;
    for (let j = from; j < to && j < total; j++) sum += input[j];
    const value = Math.max(-1, Math.min(1, sum / (to - from)));
    view.setInt16(44 + i * 2, value < 0 ? value * 0x8000 : value * 0x7fff, true);
  }
  return buffer;
}
