"""moto's server with tickr's fidelity patches applied: the local stand-in for AWS.

Started by ``emulator.py start``; run it directly only to debug (``python tools/emulator/server.py -p 5005``).
Our own option, before moto's: ``--create-delay SECONDS`` sets TICKR_EMULATOR_CREATE_DELAY (patches/create_delay.py).
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import patches  # noqa: E402  (our own package beside this file)


def main(argv=None):
    ours = argparse.ArgumentParser(add_help=False)
    ours.add_argument("--create-delay", type=float)
    options, argv = ours.parse_known_args(sys.argv[1:] if argv is None else argv)
    sys.argv[1:] = argv  # moto's main reads sys.argv when given no arguments
    if options.create_delay is not None:
        os.environ["TICKR_EMULATOR_CREATE_DELAY"] = str(options.create_delay)
    # AWS accounts hold the AWS managed policies (AmazonECSTaskExecutionRolePolicy, ...); moto loads them only
    # when asked.
    os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    patches.apply_all()
    from moto.server import main as moto_main

    moto_main(argv)


if __name__ == "__main__":
    main()
