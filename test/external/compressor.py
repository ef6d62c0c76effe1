#!/usr/bin/env python3
"""A team's production compressor, written in Python, speaking aura-bench's JSON-lines protocol.

Frame format (its own): one tag byte, 1 = raw deflate (zlib, wbits -15) follows, 0 = the message
as is; deflate is used only when it is shorter. Requests and replies, one JSON object per line:
  {"op":"compress","id":1,"data":"<base64>"}    -> {"id":1,"frame":"<base64>","method":"deflate"}
  {"op":"decompress","id":2,"frame":"<base64>"} -> {"id":2,"data":"<base64>"}
  errors                                        -> {"id":n,"error":{"code":"...","message":"..."}}

Test switches: --crash-after N exits with status 3 on request N+1; --hang-after N stops answering
from request N+1 on (it sleeps, as a deadlocked compressor would).
"""
import base64
import json
import sys
import time
import zlib


def compress(message: bytes) -> tuple[bytes, str]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = packer.compress(message) + packer.flush()
    if len(deflated) < len(message):
        return b"\x01" + deflated, "deflate"
    return b"\x00" + message, "uncompressed"


def decompress(frame: bytes) -> bytes:
    if len(frame) == 0:
        raise ValueError("frame is empty")
    if frame[0] == 0:
        return frame[1:]
    if frame[0] == 1:
        return zlib.decompress(frame[1:], -15)
    raise ValueError(f"unknown tag {frame[0]}")


def answer(request: dict) -> dict:
    op = request.get("op")
    if op == "compress":
        frame, method = compress(base64.b64decode(request["data"], validate=True))
        return {"frame": base64.b64encode(frame).decode("ascii"), "method": method}
    if op == "decompress":
        return {"data": base64.b64encode(decompress(base64.b64decode(request["frame"], validate=True))).decode("ascii")}
    raise ValueError(f"unknown op {op!r}")


def switch(name: str) -> int | None:
    if name in sys.argv:
        return int(sys.argv[sys.argv.index(name) + 1])
    return None


def main() -> None:
    crash_after = switch("--crash-after")
    hang_after = switch("--hang-after")
    served = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if crash_after is not None and served >= crash_after:
            print("compressor.py: simulated crash", file=sys.stderr, flush=True)
            sys.exit(3)
        if hang_after is not None and served >= hang_after:
            time.sleep(3600)
        served += 1
        try:
            reply = {"id": request["id"], **answer(request)}
        except Exception as error:  # a bad frame is the caller's problem, reported, not fatal
            reply = {"id": request.get("id"), "error": {"code": "E_FRAME_CORRUPT", "message": str(error)}}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
