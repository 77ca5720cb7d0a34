"""Tests of check_report.py. Run from the repository root:

    python3 -m unittest bench/report-check/test_check_report.py

The browser tests start headless Chromium once per page (about 2-3 s each) and are skipped when
`chromium` is not on PATH; the websocket and PNG tests need no browser.
"""

import json
import pathlib
import random
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

HERE = pathlib.Path(__file__).resolve().parent
SCRIPT = HERE / "check_report.py"
sys.path.insert(0, str(HERE))
import check_report  # noqa: E402

HAVE_CHROMIUM = shutil.which("chromium") is not None

STYLE = "<style>body{font-family:sans-serif;margin:32px} figure.chart{border:1px solid #999;padding:8px}</style>"


def chart(chart_id, caption, svg=None, table="<table><tr><th>n</th><td>12</td></tr></table>"):
    svg = svg or ('<svg width="480" height="240" viewBox="0 0 480 240">'
                  '<rect x="20" y="20" width="380" height="180" fill="#3366cc"/></svg>')
    return f'<figure class="chart" id="{chart_id}">{svg}<figcaption>{caption}</figcaption>{table}</figure>'


def page(body, lang="en", title="report"):
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{STYLE}'
            f'</head><body>{body}</body></html>')


GOOD = page("<h1>Loyalty report</h1>" + chart("churn", "Churn probability") + chart("value", "Value at stake"))


@unittest.skipUnless(HAVE_CHROMIUM, "chromium is not on PATH")
class BrowserTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="test-report-check-")
        cls.dir = pathlib.Path(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_check(self, name, html, *args):
        path = self.dir / name
        path.write_text(html, encoding="utf-8")
        proc = subprocess.run([sys.executable, str(SCRIPT), str(path), "--json", *args],
                              capture_output=True, text=True, timeout=90)
        self.assertIn(proc.returncode, (0, 1), proc.stderr)
        return proc.returncode, json.loads(proc.stdout)

    def assertProblem(self, result, fragment):
        self.assertTrue(any(fragment in p for p in result["problems"]),
                        f"no problem containing {fragment!r} in {result['problems']}")

    def test_good_page_with_two_charts_passes(self):
        shot = self.dir / "good.png"
        code, result = self.run_check("good.html", GOOD, "--min-charts", "2", "--screenshot", str(shot))
        self.assertEqual(code, 0, result["problems"])
        self.assertTrue(result["ok"])
        self.assertEqual([c["id"] for c in result["charts"]], ["churn", "value"])
        for c in result["charts"]:
            self.assertEqual((c["svgWidth"], c["svgHeight"]), (480, 240))
            self.assertTrue(c["hasCaption"] and c["hasTable"])
        self.assertEqual([r["verdict"] for r in result["requests"]], ["page"])
        self.assertEqual(result["consoleErrors"], [])
        self.assertEqual(result["screenshot"]["width"], 1240)
        self.assertGreaterEqual(result["screenshot"]["height"], 1754)
        self.assertGreater(result["screenshot"]["nonBackgroundShare"], 0.01)
        self.assertTrue(shot.read_bytes().startswith(b"\x89PNG"))
        # --min-charts above the count fails
        code, result = self.run_check("good.html", GOOD, "--min-charts", "3")
        self.assertEqual(code, 1)
        self.assertProblem(result, "fewer than --min-charts 3")

    def test_external_image_fails_on_the_request(self):
        html = page(chart("a", "A") + '<img src="http://example.invalid/x.png" alt="">')
        code, result = self.run_check("external.html", html)
        self.assertEqual(code, 1)
        self.assertProblem(result, "request to http://example.invalid/x.png")
        self.assertIn("external", [r["verdict"] for r in result["requests"]])

    def test_data_uri_is_allowed_and_noted(self):
        pixel = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
                 "AAAABJRU5ErkJggg==")
        code, result = self.run_check("data.html", page(chart("a", "A") + f'<img src="{pixel}" alt="">'))
        self.assertEqual(code, 0, result["problems"])
        self.assertIn("data", [r["verdict"] for r in result["requests"]])
        self.assertTrue(any("data: URI" in note for note in result.get("notes", [])))

    def test_console_error_fails(self):
        html = page(chart("a", "A") + "<script>console.error('x')</script>")
        code, result = self.run_check("console.html", html)
        self.assertEqual(code, 1)
        self.assertProblem(result, "console.error: x")
        self.assertEqual(result["consoleErrors"][0]["text"], "x")

    def test_zero_size_svg_fails(self):
        html = page(chart("a", "A") + chart("empty", "Empty", svg='<svg width="0" height="0"></svg>'))
        code, result = self.run_check("zero.html", html)
        self.assertEqual(code, 1)
        self.assertProblem(result, "chart #2 (empty): svg is 0x0 px")
        self.assertEqual(len(result["problems"]), 1, result["problems"])

    def test_blank_page_fails_on_the_screenshot(self):
        code, result = self.run_check("blank.html", page(""), "--min-charts", "0")
        self.assertEqual(code, 1)
        self.assertEqual(result["charts"], [])
        self.assertEqual(result["screenshot"]["distinctColours"], 1)
        self.assertProblem(result, "screenshot is blank")

    def test_japanese_page_passes(self):
        body = ("<h1>離反防止</h1>" + chart("retention", "離反防止の対象顧客",
                                              table="<table><tr><th>離反防止</th><td>12</td></tr></table>"))
        code, result = self.run_check("ja.html", page(body, lang="ja", title="顧客レポート 離反防止"))
        self.assertEqual(code, 0, result["problems"])
        self.assertEqual(result["charts"][0]["caption"], "離反防止の対象顧客")
        self.assertEqual(result["page"]["lang"], "ja")


class CannotRunTests(unittest.TestCase):
    def test_missing_file_exits_2(self):
        proc = subprocess.run([sys.executable, str(SCRIPT), "/nonexistent/report.html"],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("no such file", proc.stderr)

    def test_missing_browser_exits_2(self):
        with tempfile.NamedTemporaryFile("w", suffix=".html") as f:
            f.write(GOOD)
            f.flush()
            proc = subprocess.run([sys.executable, str(SCRIPT), f.name, "--chromium", "/nonexistent/chromium"],
                                  capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("chromium", proc.stderr)


def server_frame(opcode, payload, fin=True):
    """An unmasked server-to-client frame."""
    head = bytearray([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        head.append(n)
    elif n < 1 << 16:
        head.append(126)
        head += struct.pack("!H", n)
    else:
        head.append(127)
        head += struct.pack("!Q", n)
    return bytes(head) + payload


class WebSocketTests(unittest.TestCase):
    def setUp(self):
        self.ours, self.theirs = socket.socketpair()
        self.ws = check_report.WebSocket.__new__(check_report.WebSocket)
        self.ws.sock, self.ws.buffer, self.ws.closed = self.ours, bytearray(), False

    def tearDown(self):
        self.ours.close()
        self.theirs.close()

    def read_client_frame(self):
        """Parses one frame the client sent and checks that it is masked."""
        other = check_report.WebSocket.__new__(check_report.WebSocket)
        other.sock, other.buffer, other.closed = self.theirs, bytearray(), False
        other.sock.settimeout(5)
        head = other._read_exact(2)
        self.assertTrue(head[1] & 0x80, "client frame is not masked")
        other.buffer[:0] = head                              # put the header back for read_frame
        return other.read_frame()

    def test_client_frames_are_masked_with_all_length_forms(self):
        for size in (0, 5, 125, 126, 65535, 65536, 200_000):
            payload = bytes(random.getrandbits(8) for _ in range(min(size, 64))) * (size // 64 + 1)
            payload = payload[:size]
            frame = check_report.WebSocket.encode_frame(check_report.OP_TEXT, payload, mask_key=b"\x01\x02\x03\x04")
            self.assertEqual(frame[1] & 0x80, 0x80)
            length_code = frame[1] & 0x7F
            expected_code = size if size < 126 else (126 if size < 65536 else 127)
            self.assertEqual(length_code, expected_code)
            offset = 2 + {126: 2, 127: 8}.get(length_code, 0)
            self.assertEqual(frame[offset:offset + 4], b"\x01\x02\x03\x04")
            masked = frame[offset + 4:]
            self.assertEqual(check_report.mask(masked, b"\x01\x02\x03\x04"), payload)

    def test_fragmented_text_with_a_ping_in_between(self):
        text = "離反防止 " * 10
        data = text.encode("utf-8")
        parts = [data[:7], data[7:20], data[20:]]          # splits inside multi-byte characters
        self.theirs.sendall(server_frame(check_report.OP_TEXT, parts[0], fin=False)
                            + server_frame(check_report.OP_PING, b"hi")
                            + server_frame(check_report.OP_CONT, parts[1], fin=False)
                            + server_frame(check_report.OP_CONT, parts[2], fin=True))
        self.assertEqual(self.ws.recv(5), text)
        fin, opcode, payload = self.read_client_frame()
        self.assertEqual((fin, opcode, payload), (True, check_report.OP_PONG, b"hi"))

    def test_large_message_with_64_bit_length(self):
        message = json.dumps({"id": 1, "result": {"data": "A" * 300_000}})
        frame = server_frame(check_report.OP_TEXT, message.encode())
        self.assertEqual(frame[1], 127)

        def send():
            self.theirs.sendall(frame)
        import threading
        sender = threading.Thread(target=send)
        sender.start()
        self.assertEqual(self.ws.recv(10), message)
        sender.join()

    def test_timeout_returns_none_and_close_raises(self):
        self.assertIsNone(self.ws.recv(0.1))
        self.theirs.sendall(server_frame(check_report.OP_CLOSE, struct.pack("!H", 1000)))
        with self.assertRaises(check_report.WebSocketError):
            self.ws.recv(5)


def encode_png(width, height, channels, pixels, filters):
    """A PNG whose row y uses filter filters[y % len(filters)], written independently of the decoder."""
    colour = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    stride = width * channels
    raw = bytearray()
    prev = bytes(stride)
    for y in range(height):
        row = pixels[y * stride:(y + 1) * stride]
        ftype = filters[y % len(filters)]
        out = bytearray()
        for i in range(stride):
            a = row[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 0:
                pred = 0
            elif ftype == 1:
                pred = a
            elif ftype == 2:
                pred = b
            elif ftype == 3:
                pred = (a + b) // 2
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            out.append((row[i] - pred) % 256)
        raw.append(ftype)
        raw += out
        prev = row

    def chunk(kind, body):
        return struct.pack("!I", len(body)) + kind + body + struct.pack("!I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack("!IIBBBBB", width, height, 8, colour, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b""))


class PNGTests(unittest.TestCase):
    def test_all_filter_types_round_trip(self):
        rng = random.Random(7)
        for channels in (3, 4, 1, 2):
            width, height = 23, 15
            pixels = bytes(rng.getrandbits(8) for _ in range(width * height * channels))
            png = encode_png(width, height, channels, pixels, [0, 1, 2, 3, 4])
            w, h, ch, rows = check_report.decode_png(png)
            self.assertEqual((w, h, ch), (width, height, channels))
            self.assertEqual(b"".join(rows), pixels, f"channels {channels}")

    def test_paeth_rows_under_a_uniform_row(self):
        width, height = 40, 6
        pixels = bytes([250, 250, 250]) * width * 3 + bytes(range(width * 3)) + bytes([9, 8, 7]) * width * 2
        for filters in ([4], [0, 4], [3, 4, 1, 2]):
            png = encode_png(width, height, 3, pixels, filters)
            self.assertEqual(b"".join(check_report.decode_png(png)[3]), pixels, filters)

    def test_blank_and_nearly_blank_stats(self):
        white = bytes([255]) * 3 * 100 * 100
        stats = check_report.screenshot_stats(encode_png(100, 100, 3, white, [1, 2, 4]))
        self.assertEqual((stats["distinctColours"], stats["nonBackgroundShare"], stats["background"]),
                         (1, 0.0, "#ffffff"))
        dotted = bytearray(white)
        dotted[0:3 * 50] = bytes([0, 0, 0]) * 50                 # 50 of 10,000 pixels: 0.5%
        stats = check_report.screenshot_stats(encode_png(100, 100, 3, bytes(dotted), [4]))
        self.assertEqual(stats["distinctColours"], 2)
        self.assertAlmostEqual(stats["nonBackgroundShare"], 0.005)


if __name__ == "__main__":
    unittest.main()
