#!/usr/bin/env python3
"""Opens a `loyalty report` HTML file in real headless Chromium and checks it.

    python3 bench/report-check/check_report.py report.html [--screenshot OUT.png] [--min-charts N] [--json]

Chromium is driven over the Chrome DevTools Protocol (CDP) with a small RFC 6455 websocket client
written here on top of `socket`; nothing outside the Python 3.11 standard library is needed.

The page fails when:
- it makes any request other than its own file:// URL (data: URIs are allowed and listed);
- it logs a console error or warning, throws an exception, or Chromium logs an error entry;
- it contains a <script> element (the report is meant to be script-free) or an iframe/frame/object/embed
  (whose own requests this check would not see);
- it has fewer than --min-charts `figure.chart` elements;
- a `figure.chart` has no inline <svg> (or more than one), an svg with a zero-width or zero-height
  bounding box, an svg without width/height or viewBox, no <figcaption> or no <table>, or an id that is
  missing or shared with another chart;
- the full-page screenshot (1240 px wide) is blank: fewer than 2 distinct colours, or under 1% of the
  pixels differ from the most common colour.

Exit code: 0 all checks pass, 1 a check failed, 2 could not run (no Chromium, no file, timeout, ...).
"""

import argparse
import base64
import collections
import hashlib
import itertools
import json
import os
import pathlib
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zlib

VIEWPORT_WIDTH = 1240
VIEWPORT_HEIGHT = 1754
LOAD_TIMEOUT = 30.0          # seconds for Page.loadEventFired
STARTUP_TIMEOUT = 30.0       # seconds for Chromium to write DevToolsActivePort
MAX_SCREENSHOT_HEIGHT = 16384  # CSS px; longer pages are captured down to this height
MIN_NON_BACKGROUND_SHARE = 0.01


class CannotRun(Exception):
    """The check could not be carried out (exit code 2)."""


# --------------------------------------------------------------------------------------------------
# RFC 6455 websocket client (client side only: masked frames out, unmasked frames in)
# --------------------------------------------------------------------------------------------------

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


class WebSocketError(Exception):
    pass


class WebSocket:
    """A blocking websocket connection to ws://host:port/path."""

    def __init__(self, host, port, path, timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = bytearray()
        self.closed = False
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        request = (f"GET {path} HTTP/1.1\r\n"
                   f"Host: {host}:{port}\r\n"
                   "Upgrade: websocket\r\n"
                   "Connection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\n"
                   "Sec-WebSocket-Version: 13\r\n"
                   "\r\n")
        self.sock.sendall(request.encode("ascii"))
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise WebSocketError("connection closed during the handshake")
            self.buffer += chunk
        head, _, rest = bytes(self.buffer).partition(b"\r\n\r\n")
        self.buffer = bytearray(rest)
        lines = head.decode("latin-1").split("\r\n")
        if len(lines[0].split()) < 2 or lines[0].split()[1] != "101":
            raise WebSocketError(f"handshake refused: {lines[0]!r}")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        expected = base64.b64encode(hashlib.sha1((key + WS_GUID).encode("ascii")).digest()).decode("ascii")
        if headers.get("sec-websocket-accept") != expected:
            raise WebSocketError("bad Sec-WebSocket-Accept in the handshake")

    @staticmethod
    def encode_frame(opcode, payload, fin=True, mask_key=None):
        """One client frame: always masked (RFC 6455 5.3); 7-, 16- or 64-bit payload length."""
        if mask_key is None:
            mask_key = os.urandom(4)
        header = bytearray([(0x80 if fin else 0) | opcode])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack("!H", n)
        else:
            header.append(0x80 | 127)
            header += struct.pack("!Q", n)
        header += mask_key
        return bytes(header) + mask(payload, mask_key)

    def send_frame(self, opcode, payload):
        self.sock.sendall(self.encode_frame(opcode, payload))

    def send_text(self, text):
        self.send_frame(OP_TEXT, text.encode("utf-8"))

    def _read_exact(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise WebSocketError("connection closed")
            self.buffer += chunk
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data

    def read_frame(self):
        """(fin, opcode, payload) of the next frame."""
        b0, b1 = self._read_exact(2)
        fin, opcode = bool(b0 & 0x80), b0 & 0x0F
        masked, n = bool(b1 & 0x80), b1 & 0x7F
        if n == 126:
            (n,) = struct.unpack("!H", self._read_exact(2))
        elif n == 127:
            (n,) = struct.unpack("!Q", self._read_exact(8))
        key = self._read_exact(4) if masked else None
        payload = self._read_exact(n)
        if key:
            payload = mask(payload, key)
        return fin, opcode, payload

    def recv(self, timeout):
        """The next text message as str (binary as bytes), or None on timeout.

        Control frames are handled on the way: ping is answered with pong, close is echoed and raises.
        Fragmented messages (a first frame with fin=0, then continuation frames) are joined.
        """
        deadline = time.monotonic() + timeout
        parts, first_opcode = [], None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 and not parts:
                return None
            self.sock.settimeout(max(remaining, 0.05) if not parts else 30.0)
            try:
                fin, opcode, payload = self.read_frame()
            except socket.timeout:
                if parts:
                    raise WebSocketError("timed out in the middle of a fragmented message")
                return None
            if opcode == OP_PING:
                self.send_frame(OP_PONG, payload)
                continue
            if opcode == OP_PONG:
                continue
            if opcode == OP_CLOSE:
                if not self.closed:
                    self.closed = True
                    try:
                        self.send_frame(OP_CLOSE, payload[:2])
                    except OSError:
                        pass
                raise WebSocketError("the server closed the connection")
            if opcode == OP_CONT:
                if first_opcode is None:
                    raise WebSocketError("continuation frame without a first frame")
            elif opcode in (OP_TEXT, OP_BINARY):
                if first_opcode is not None:
                    raise WebSocketError("new data frame inside a fragmented message")
                first_opcode = opcode
            else:
                raise WebSocketError(f"unknown opcode {opcode}")
            parts.append(payload)
            if fin:
                data = b"".join(parts)
                return data.decode("utf-8") if first_opcode == OP_TEXT else data

    def close(self):
        if not self.closed:
            self.closed = True
            try:
                self.send_frame(OP_CLOSE, struct.pack("!H", 1000))
            except OSError:
                pass
        try:
            self.sock.close()
        except OSError:
            pass


def mask(payload, key):
    """XOR `payload` with the 4-byte `key` repeated (fast: one big-integer XOR)."""
    n = len(payload)
    if n == 0:
        return b""
    repeated = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(n, "big")


# --------------------------------------------------------------------------------------------------
# CDP over the websocket (flat sessions on the browser endpoint)
# --------------------------------------------------------------------------------------------------

class CDPError(Exception):
    pass


class CDP:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.events = []       # every event received, in order: (method, params, sessionId)

    def _dispatch(self, message):
        if isinstance(message, bytes):
            message = message.decode("utf-8")
        data = json.loads(message)
        if "method" in data and "id" not in data:
            self.events.append((data["method"], data.get("params", {}), data.get("sessionId")))
            return None
        return data

    def call(self, method, params=None, session=None, timeout=30.0):
        self.next_id += 1
        wanted = self.next_id
        message = {"id": wanted, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send_text(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no answer to {method} within {timeout:.0f} s")
            raw = self.ws.recv(remaining)
            if raw is None:
                continue
            reply = self._dispatch(raw)
            if reply is not None and reply.get("id") == wanted:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error'].get('message')} {reply['error'].get('data', '')}".strip())
                return reply.get("result", {})

    def pump(self, seconds):
        """Reads events for `seconds`."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            raw = self.ws.recv(remaining)
            if raw is not None:
                self._dispatch(raw)

    def wait_event(self, method, timeout, session=None, start=0):
        """Index of the first `method` event at or after events[start]; TimeoutError after `timeout`."""
        deadline = time.monotonic() + timeout
        seen = start
        while True:
            for index in range(seen, len(self.events)):
                name, _, sid = self.events[index]
                if name == method and (session is None or sid == session):
                    return index
            seen = len(self.events)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {method} within {timeout:.0f} s")
            raw = self.ws.recv(remaining)
            if raw is not None:
                self._dispatch(raw)


# --------------------------------------------------------------------------------------------------
# PNG decoding (8-bit RGB / RGBA / grey / grey+alpha, non-interlaced; filter types 0-4)
# --------------------------------------------------------------------------------------------------

class PNGError(Exception):
    pass


_AND255 = (255).__and__


def _unfilter_row(ftype, row, prev, bpp):
    n = len(row)
    if ftype == 0:                                   # None
        return row
    if ftype == 1:                                   # Sub: running sum per channel, mod 256
        out = bytearray(n)
        for c in range(bpp):
            out[c::bpp] = bytes(map(_AND255, itertools.accumulate(row[c::bpp])))
        return bytes(out)
    if ftype == 2:                                   # Up: bytewise (row + prev) mod 256, as one SWAR add
        x, y = int.from_bytes(row, "big"), int.from_bytes(prev, "big")
        low7 = int.from_bytes(b"\x7f" * n, "big")
        high = int.from_bytes(b"\x80" * n, "big")
        return (((x & low7) + (y & low7)) ^ ((x ^ y) & high)).to_bytes(n, "big")
    if ftype == 3:                                   # Average
        out = bytearray(row)
        for i in range(bpp):
            out[i] = (row[i] + (prev[i] >> 1)) & 255
        for i in range(bpp, n):
            out[i] = (row[i] + ((out[i - bpp] + prev[i]) >> 1)) & 255
        return bytes(out)
    if ftype == 4:                                   # Paeth
        if not any(row) and prev[:bpp] * (n // bpp) == prev:
            return prev                              # zero row under a one-colour row: a copy of it
        out = bytearray(row)
        for i in range(bpp):
            out[i] = (row[i] + prev[i]) & 255        # a = c = 0, so the predictor is b
        for i in range(bpp, n):
            a, b, c = out[i - bpp], prev[i], prev[i - bpp]
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            if pa <= pb and pa <= pc:
                pred = a
            elif pb <= pc:
                pred = b
            else:
                pred = c
            out[i] = (row[i] + pred) & 255
        return bytes(out)
    raise PNGError(f"unknown filter type {ftype}")


def decode_png(data):
    """(width, height, channels, rows): rows is a list of `height` bytes objects, top to bottom."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise PNGError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        (length,) = struct.unpack("!I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack("!IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise PNGError("no IHDR chunk")
    width, height, depth, colour, compression, filtering, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None:
        raise PNGError(f"unsupported PNG: bit depth {depth}, colour type {colour} (8-bit grey/RGB/RGBA only)")
    if compression or filtering or interlace:
        raise PNGError("unsupported PNG: interlaced or unknown compression/filter method")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    if len(raw) < height * (stride + 1):
        raise PNGError("truncated image data")
    rows, prev = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        prev = _unfilter_row(raw[start], raw[start + 1:start + 1 + stride], prev, channels)
        rows.append(prev)
    return width, height, channels, rows


def _as_rgba(row, channels):
    """One row widened to 4 bytes per pixel (RGBA), so pixels can be counted as 32-bit integers."""
    if channels == 4:
        return row
    count = len(row) // channels
    out = bytearray(count * 4)
    if channels == 3:
        for c in range(3):
            out[c::4] = row[c::3]
        out[3::4] = b"\xff" * count
    elif channels == 1:
        for c in range(3):
            out[c::4] = row
        out[3::4] = b"\xff" * count
    else:                                            # grey + alpha
        for c in range(3):
            out[c::4] = row[0::2]
        out[3::4] = row[1::2]
    return bytes(out)


def screenshot_stats(png_bytes):
    """{width, height, distinctColours, background, nonBackgroundShare} of a PNG.

    Pixels are compared as RGBA. Identical rows (margins, the page background) are counted once and
    weighted, which keeps long pages fast.
    """
    width, height, channels, rows = decode_png(png_bytes)
    count = width * height
    counts = collections.Counter()
    for row, times in collections.Counter(rows).items():
        row_counts = collections.Counter(memoryview(_as_rgba(row, channels)).cast("I"))
        if times > 1:
            for colour in row_counts:
                row_counts[colour] *= times
        counts.update(row_counts)
    if counts:
        top, top_count = counts.most_common(1)[0]
        rgba = top.to_bytes(4, sys.byteorder)
        background = "#" + (rgba[:3] if rgba[3] == 255 else rgba).hex()
    else:
        top_count, background = 0, None
    return {"width": width, "height": height, "distinctColours": len(counts), "background": background,
            "nonBackgroundShare": (count - top_count) / count if count else 0.0}


# --------------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------------

CHARTS_JS = r"""
(() => {
  const topLevelSvgs = f => Array.from(f.querySelectorAll('svg')).filter(s => !s.parentElement.closest('svg'));
  return Array.from(document.querySelectorAll('figure.chart')).map(f => {
    const svgs = topLevelSvgs(f);
    const svg = svgs[0] || null;
    const r = svg ? svg.getBoundingClientRect() : null;
    const cap = f.querySelector('figcaption');
    return {
      id: f.id || null,
      svgCount: svgs.length,
      svgWidth: r ? r.width : 0,
      svgHeight: r ? r.height : 0,
      svgSized: svg ? (svg.hasAttribute('viewBox') || (svg.hasAttribute('width') && svg.hasAttribute('height'))) : false,
      hasCaption: !!cap,
      caption: cap ? cap.textContent.trim().slice(0, 120) : null,
      hasTable: !!f.querySelector('table'),
    };
  });
})()
"""

PAGE_JS = r"""
({scripts: document.querySelectorAll('script').length,
  frames: document.querySelectorAll('iframe, frame, object, embed').length,
  title: document.title,
  lang: document.documentElement.lang || null})
"""


def find_chromium(explicit=None):
    if explicit:
        return explicit if os.path.exists(explicit) else shutil.which(explicit)
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def wait_for_port(profile, proc, deadline):
    """(port, browser websocket path) from DevToolsActivePort, once Chromium has written both lines."""
    port_file = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise CannotRun(f"Chromium exited with code {proc.returncode} before opening DevTools")
        try:
            lines = port_file.read_text().split("\n")
            if len(lines) >= 2 and lines[0].strip().isdigit() and lines[1].startswith("/devtools/"):
                return int(lines[0]), lines[1].strip()
        except FileNotFoundError:
            pass
        time.sleep(0.05)
    raise CannotRun(f"Chromium did not write {port_file.name} within {STARTUP_TIMEOUT:.0f} s")


def stop_chromium(proc):
    """Ends the Chromium process group this script started (and only it)."""
    if proc is None or proc.poll() is not None and not _group_alive(proc.pid):
        return
    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        end = time.monotonic() + wait          # the children of the group go shortly after the browser
        while _group_alive(proc.pid) and time.monotonic() < end:
            time.sleep(0.05)
        if not _group_alive(proc.pid):
            return


def _group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def text_of_console(params):
    parts = []
    for arg in params.get("args", []):
        if "value" in arg:
            parts.append(str(arg["value"]))
        else:
            parts.append(arg.get("description") or arg.get("type", "?"))
    return " ".join(parts)


def run_check(html, min_charts=1, screenshot_out=None, chromium=None):
    """The result dict; raises CannotRun when the check could not be carried out."""
    path = pathlib.Path(html)
    if not path.is_file():
        raise CannotRun(f"{html}: no such file")
    page_url = path.resolve().as_uri()
    browser = find_chromium(chromium)
    if not browser:
        raise CannotRun("chromium is not on PATH (Debian package: chromium)")

    result = {"ok": False, "file": str(path), "url": page_url, "requests": [], "consoleErrors": [],
              "charts": [], "screenshot": None, "problems": []}
    problems = result["problems"]
    started = time.monotonic()
    proc = None
    ws = None
    with tempfile.TemporaryDirectory(prefix="report-check-") as tmp:
        profile = pathlib.Path(tmp) / "profile"
        profile.mkdir()
        log_path = pathlib.Path(tmp) / "chromium.log"
        try:
            with open(log_path, "wb") as log:
                proc = subprocess.Popen(
                    [browser, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
                     f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                     "--force-color-profile=srgb", f"--window-size={VIEWPORT_WIDTH},{VIEWPORT_HEIGHT}",
                     "about:blank"],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
            port, ws_path = wait_for_port(profile, proc, time.monotonic() + STARTUP_TIMEOUT)
            ws = WebSocket("127.0.0.1", port, ws_path)
            cdp = CDP(ws)
            version = cdp.call("Browser.getVersion")
            result["browser"] = version.get("product")
            target = cdp.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = cdp.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Network", "Runtime", "Log", "Page"):
                cdp.call(f"{domain}.enable", session=session)
            cdp.call("Emulation.setDeviceMetricsOverride",
                     {"width": VIEWPORT_WIDTH, "height": VIEWPORT_HEIGHT, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
            cdp.pump(0.05)
            mark = len(cdp.events)                    # events before here belong to about:blank
            nav = cdp.call("Page.navigate", {"url": page_url}, session=session)
            if nav.get("errorText"):
                raise CannotRun(f"Chromium could not open {page_url}: {nav['errorText']}")
            remaining = LOAD_TIMEOUT - (time.monotonic() - started)
            try:
                cdp.wait_event("Page.loadEventFired", max(remaining, 1.0), session=session, start=mark)
            except TimeoutError:
                pending = [params.get("request", {}).get("url", "") for name, params, sid in cdp.events[mark:]
                           if name == "Network.requestWillBeSent" and sid == session]
                others = [url[:120] for url in pending
                          if urllib.parse.unquote(url.split("#")[0]) != urllib.parse.unquote(page_url)]
                raise CannotRun(f"no Page.loadEventFired within {LOAD_TIMEOUT:.0f} s"
                                + (f"; the page had requested {', '.join(others[:5])}" if others else ""))
            try:                                     # web fonts (none expected) and layout settle
                cdp.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)",
                                              "awaitPromise": True, "returnByValue": True},
                         session=session, timeout=10)
            except (TimeoutError, CDPError):
                pass
            cdp.pump(0.3)                             # late console messages and requests

            charts = cdp.call("Runtime.evaluate", {"expression": CHARTS_JS, "returnByValue": True},
                              session=session)
            if "exceptionDetails" in charts:
                raise CannotRun(f"the chart query failed: {charts['exceptionDetails'].get('text')}")
            result["charts"] = charts["result"].get("value") or []
            page = cdp.call("Runtime.evaluate", {"expression": PAGE_JS, "returnByValue": True}, session=session)
            page_info = page["result"].get("value") or {}
            result["page"] = page_info

            metrics = cdp.call("Page.getLayoutMetrics", session=session)
            size = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
            width = max(VIEWPORT_WIDTH, int(-(-size.get("width", 0) // 1)))
            full_height = max(VIEWPORT_HEIGHT, int(-(-size.get("height", 0) // 1)))
            height = min(full_height, MAX_SCREENSHOT_HEIGHT)
            shot = cdp.call("Page.captureScreenshot",
                            {"format": "png", "captureBeyondViewport": True, "fromSurface": True,
                             "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
                            session=session, timeout=60)
            png = base64.b64decode(shot["data"])
            cdp.pump(0.05)
            events = cdp.events[mark:]
        except (OSError, WebSocketError, CDPError, TimeoutError, json.JSONDecodeError) as error:
            tail = ""
            try:
                tail = log_path.read_text(errors="replace").strip().splitlines()[-1]
            except (OSError, IndexError):
                pass
            raise CannotRun(f"{type(error).__name__}: {error}" + (f" (chromium: {tail})" if tail else ""))
        finally:
            if ws is not None:
                ws.close()
            stop_chromium(proc)

    if screenshot_out:
        pathlib.Path(screenshot_out).write_bytes(png)

    # ---- requests
    for name, params, sid in events:
        if sid != session:
            continue
        if name == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if urllib.parse.unquote(url.split("#")[0]) == urllib.parse.unquote(page_url):
                verdict = "page"
            elif url.startswith("data:"):
                verdict = "data"
            else:
                verdict = "external"
                problems.append(f"request to {url[:200]}")
            result["requests"].append({"url": url if len(url) <= 200 else url[:200] + "…",
                                       "type": params.get("type"), "verdict": verdict})
        elif name == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            text = text_of_console(params)
            result["consoleErrors"].append({"source": "console", "level": params["type"], "text": text})
            problems.append(f"console.{params['type']}: {text[:200]}")
        elif name == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = (details.get("exception") or {}).get("description") or details.get("text", "exception")
            result["consoleErrors"].append({"source": "exception", "level": "error", "text": text})
            problems.append(f"exception: {text.splitlines()[0][:200] if text else 'exception'}")
        elif name == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            text = entry.get("text", "")
            if entry.get("url"):
                text += f" ({entry['url'][:200]})"
            result["consoleErrors"].append({"source": f"log/{entry.get('source')}", "level": "error", "text": text})
            problems.append(f"log error ({entry.get('source')}): {text[:200]}")
    if not any(r["verdict"] == "page" for r in result["requests"]):
        result.setdefault("notes", []).append("no Network.requestWillBeSent for the page itself")
    data_uris = sum(r["verdict"] == "data" for r in result["requests"])
    if data_uris:
        result.setdefault("notes", []).append(f"{data_uris} data: URI request(s), allowed")
    if page_info.get("frames"):
        problems.append(f"the page has {page_info['frames']} iframe/frame/object/embed element(s); their own "
                        "requests are not watched, and the report must be self-contained")
    if page_info.get("scripts"):
        problems.append(f"the page has {page_info['scripts']} <script> element(s); the report must be script-free")

    # ---- charts
    charts = result["charts"]
    if len(charts) < min_charts:
        problems.append(f"{len(charts)} figure.chart element(s), fewer than --min-charts {min_charts}")
    ids = collections.Counter(chart["id"] for chart in charts if chart["id"])
    for index, chart in enumerate(charts, 1):
        name = f"chart #{index}" + (f" ({chart['id']})" if chart["id"] else "")
        if not chart["id"]:
            problems.append(f"{name}: figure.chart has no id")
        elif ids[chart["id"]] > 1:
            problems.append(f"{name}: id used by {ids[chart['id']]} charts")
        if chart["svgCount"] == 0:
            problems.append(f"{name}: no inline <svg>")
        else:
            if chart["svgCount"] > 1:
                problems.append(f"{name}: {chart['svgCount']} top-level <svg> elements, expected one")
            if chart["svgWidth"] <= 0 or chart["svgHeight"] <= 0:
                problems.append(f"{name}: svg is {chart['svgWidth']:g}x{chart['svgHeight']:g} px on the page")
            if not chart["svgSized"]:
                problems.append(f"{name}: svg has neither width/height attributes nor a viewBox")
        if not chart["hasCaption"]:
            problems.append(f"{name}: no <figcaption>")
        if not chart["hasTable"]:
            problems.append(f"{name}: no <table> of its numbers")

    # ---- screenshot
    try:
        stats = screenshot_stats(png)
    except (PNGError, zlib.error) as error:
        raise CannotRun(f"could not decode the screenshot: {error}")
    stats["pageHeight"] = full_height
    stats["truncated"] = full_height > height
    result["screenshot"] = stats
    if stats["distinctColours"] < 2:
        problems.append(f"screenshot is blank: one colour ({stats['background']})")
    elif stats["nonBackgroundShare"] < MIN_NON_BACKGROUND_SHARE:
        problems.append(f"screenshot is nearly blank: {stats['nonBackgroundShare']:.3%} of pixels differ from "
                        f"the background {stats['background']} (need {MIN_NON_BACKGROUND_SHARE:.0%})")

    result["seconds"] = round(time.monotonic() - started, 2)
    result["ok"] = not problems
    return result


def summary_text(result, min_charts):
    lines = [f"{result['file']}: {'OK' if result['ok'] else 'FAIL'}"]
    requests = result["requests"]
    kinds = collections.Counter(r["verdict"] for r in requests)
    lines.append(f"  requests: {len(requests)} ({kinds['page']} page itself, {kinds['data']} data: URI, "
                 f"{kinds['external']} external)")
    lines.append(f"  console/log errors: {len(result['consoleErrors'])}")
    charts = result["charts"]
    lines.append(f"  charts: {len(charts)} (need {min_charts})")
    for chart in charts:
        flags = [] if chart["hasCaption"] else ["no caption"]
        if not chart["hasTable"]:
            flags.append("no table")
        lines.append(f"    {chart['id'] or '(no id)'}: svg {chart['svgWidth']:g}x{chart['svgHeight']:g}"
                     + (f" [{', '.join(flags)}]" if flags else ""))
    shot = result["screenshot"]
    if shot:
        lines.append(f"  screenshot: {shot['width']}x{shot['height']} px, {shot['distinctColours']} colours, "
                     f"{shot['nonBackgroundShare']:.1%} non-background"
                     + (f" (page is {shot['pageHeight']} px; cut)" if shot.get("truncated") else ""))
    for note in result.get("notes", []):
        lines.append(f"  note: {note}")
    for problem in result["problems"]:
        lines.append(f"  problem: {problem}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check a loyalty report HTML file in headless Chromium.")
    parser.add_argument("html")
    parser.add_argument("--screenshot", metavar="OUT.png", help="write the full-page screenshot here")
    parser.add_argument("--min-charts", type=int, default=1, metavar="N", help="fewest figure.chart elements (1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the summary")
    parser.add_argument("--chromium", help="the browser binary (default: chromium on PATH)")
    args = parser.parse_args(argv)
    try:
        result = run_check(args.html, min_charts=args.min_charts, screenshot_out=args.screenshot,
                           chromium=args.chromium)
    except CannotRun as error:
        if args.json:
            print(json.dumps({"ok": False, "error": str(error), "problems": []}, ensure_ascii=False))
        print(f"check_report: cannot run: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(summary_text(result, args.min_charts))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
