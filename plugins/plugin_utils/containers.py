# -*- coding: utf-8 -*-
# Copyright: Contributors to the tickr.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Plain containers for filters that compare as modules do."""

from collections.abc import Mapping, Sequence


def plain(value):
    """``value`` as plain dicts and lists: Ansible hands filters lazy containers, which compare and rebuild unlike
    the dicts and lists a module receives."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return [plain(item) for item in value]
    return value
