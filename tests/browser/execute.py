"""Runs a notebook with the playground's Jupyter kernel through nbclient and saves it with its outputs.

Usage: /usr/bin/python3 tests/browser/execute.py IN.ipynb OUT.ipynb  (the kernel starts in IN's folder, as in Jupyter)
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

source, target = sys.argv[1], sys.argv[2]
notebook = nbformat.read(source, as_version=4)
start = time.monotonic()
NotebookClient(notebook, kernel_name="kernel-playground", timeout=1200,
               resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}}).execute()
os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
nbformat.write(notebook, target)
print(f"{os.path.basename(source)}: executed in {time.monotonic() - start:.1f} s, saved to {target}")
