"""Parses `openstack ...` command lines with OpenStackClient's own parsers.

Reads a JSON list of argument lists (each without the leading `openstack`)
on stdin and writes, for each, the command it names and the parsed options,
or the error argparse gives. Only the installed python3-openstackclient and
python3-troveclient are used: their entry points are the command names.
"""
import contextlib
import io
import json
import sys
from importlib.metadata import entry_points


def commands():
    found = {}
    eps = entry_points()
    for group in eps.groups:
        if group.startswith('openstack.') and group != 'openstack.cli.extension':
            for ep in eps.select(group=group):
                found.setdefault(ep.name, ep)
    return found


def parse(argv, known):
    for n in range(len(argv), 0, -1):
        name = '_'.join(argv[:n])
        if name in known:
            break
    else:
        return {'error': 'no openstack command named by: ' + ' '.join(argv)}
    command = ' '.join(argv[:n])
    cls = known[name].load()
    parser = cls(None, None).get_parser('openstack ' + command)
    # argparse takes abbreviations (--inst for --instance): refuse them here,
    # a sample spells each option as the command defines it.
    inexact = [a.split('=')[0] for a in argv[n:] if a.startswith('-') and a.split('=')[0] not in parser._option_string_actions]
    if inexact:
        return {'command': command, 'error': 'not an option of this command: ' + ', '.join(inexact)}
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            args = parser.parse_args(argv[n:])
    except SystemExit:
        return {'command': command, 'error': err.getvalue().strip().splitlines()[-1]}
    options = {k: v for k, v in vars(args).items() if v not in (None, False, [])}
    return {'command': command, 'module': cls.__module__, 'options': options}


def main():
    known = commands()
    print(json.dumps([parse(argv, known) for argv in json.load(sys.stdin)], default=str))


if __name__ == '__main__':
    main()
