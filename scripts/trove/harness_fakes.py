"""Client factories that let the real trove-api run with Trove's in-memory fakes.

Trove's fake nova only knows servers it created itself, so the instances the
harness seeds straight into the database would make every instance lookup fail
with 422 "Instance ... is not ready". nova_client() wraps the fake and seeds an
ACTIVE fake server for every live instance row. From 26.0.0, `trove-manage
db_sync` runs upgrade tasks that read `api_version` on the nova client, which
the fake lacks: the wrapper gives it one.

glance_client() is a tiny fake, so that code that looks an image up does not
try to reach Glance.

guest_client() is Trove's fake guest, whose backups complete after
BACKUP_SECONDS instead of its 10 s: long enough to see a backup running, and
every test that waits for one waits less.

Named in trove.conf as remote_nova_client = harness_fakes.nova_client,
remote_glance_client = harness_fakes.glance_client and
remote_guest_client = harness_fakes.guest_client.
"""
import eventlet

from trove.tests.fakes import guestagent as _fguest
from trove.tests.fakes import nova as _fnova

BACKUP_SECONDS = 4


class _Owner(object):
    def __init__(self, tenant):
        self.tenant = tenant
        self.project_id = tenant


def _seed(client):
    from trove.instance.models import DBInstance
    for inst in DBInstance.find_all(deleted=False).all():
        cid = inst.compute_instance_id
        if not cid or cid in _fnova.FAKE_SERVERS_DB:
            continue
        srv = _fnova.FakeServer(client.servers, _Owner(inst.tenant_id), cid,
                                inst.name or cid, None, inst.flavor_id or "1",
                                [], None)
        srv._current_status = "ACTIVE"
        _fnova.FAKE_SERVERS_DB[cid] = srv


def nova_client(context, region_name=None):
    client = _fnova.fake_create_nova_client(context, region_name)
    if not hasattr(client, "api_version"):
        from novaclient import api_versions
        client.api_version = api_versions.APIVersion("2.26")
    _seed(client)
    return client


class _Image(dict):
    __getattr__ = dict.get


class _Images(object):
    def get(self, image_id):
        return _Image(id=image_id, status="active", name="fake-image", tags=[])

    def list(self, *a, **kw):
        return iter([])


class _Glance(object):
    images = _Images()


def glance_client(context, region_name=None):
    return _Glance()


class _FasterBackups(object):
    """The eventlet the fake guest sees: its backup finisher runs sooner."""

    def __getattr__(self, name):
        return getattr(eventlet, name)

    @staticmethod
    def spawn_after(seconds, func, *args, **kwargs):
        if func.__name__ == "finish_create_backup":
            seconds = min(seconds, BACKUP_SECONDS)
        return eventlet.spawn_after(seconds, func, *args, **kwargs)


_fguest.eventlet = _FasterBackups()


def guest_client(context, id, manager=None):
    return _fguest.fake_create_guest_client(context, id, manager)
