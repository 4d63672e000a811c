"""Stand-in for pip's get-pip.py, which ansible-test downloads from ci-files.testing.ansible.com.

That host is not a package registry, so it is out of reach here; this script gives ansible-test's empty
virtual environments pip the same way (ensurepip, then pip from PyPI), with the arguments get-pip.py takes.
"""

import subprocess
import sys

GET_PIP_ONLY = {"--no-setuptools", "--no-wheel"}

subprocess.run([sys.executable, "-m", "ensurepip", "--default-pip"], check=True, stdout=subprocess.DEVNULL)
args = [a for a in sys.argv[1:] if a not in GET_PIP_ONLY]
subprocess.run([sys.executable, "-m", "pip", "install", *args], check=True)
