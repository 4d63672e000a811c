# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
name: changes
type: aggregate
short_description: List what a run changed, per stack, after the recap
version_added: 0.1.0
description:
  - At the end of a playbook, prints for each host the tasks that reported a change (with their loop items),
    or that nothing changed; in check mode, what would change. The recap gives only a count.
  - Enable it with C(callbacks_enabled = tickr.aws.changes) in C(ansible.cfg) (this collection's does).
author:
  - Tickr platform team (@tickr-tn)
"""

from ansible import context
from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "tickr.aws.changes"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.changes = {}
        self.check_mode = False

    def v2_playbook_on_play_start(self, play):
        self.check_mode = bool(play.check_mode) or bool(context.CLIARGS.get("check"))

    def _record(self, result, label=None):
        if not result._result.get("changed"):
            return
        name = result._task.get_name()
        self.changes.setdefault(result._host.get_name(), []).append(f"{name} ({label})" if label else name)

    def v2_runner_on_ok(self, result):
        # A loop's items are recorded one by one below; its summary result would count them again.
        if not result._result.get("results"):
            self._record(result)

    def v2_runner_item_on_ok(self, result):
        self._record(result, self._get_item_label(result._result))

    def v2_playbook_on_stats(self, stats):
        verb = "would change" if self.check_mode else "changed"
        for host in sorted(stats.processed):
            tasks = self.changes.get(host, [])
            self._display.banner(f"WHAT {verb.upper()}: {host}")
            if not tasks:
                self._display.display(f"nothing {verb}")
            for task in tasks:
                self._display.display(f"  {task}")
