#!/usr/bin/env python3
"""Runs a command with its stderr on a pseudo-terminal (stdin empty, stdout
passed through), and copies what it wrote there to this script's stderr
once it ends; exits with the command's exit code. What a person at a
terminal sees of a progress bar, without a person."""
import os
import subprocess
import sys

master, slave = os.openpty()
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stderr=slave)
os.close(slave)
seen = bytearray()
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: every writer closed the terminal
        break
    if not chunk:
        break
    seen += chunk
code = child.wait()
sys.stderr.buffer.write(bytes(seen))
sys.exit(code)
