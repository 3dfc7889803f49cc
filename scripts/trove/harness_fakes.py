"""Client factories that let the real trove-api run with Trove's in-memory fakes.

Trove's fake nova only knows servers it created itself, so the instances the
harness seeds straight into the database would make every instance lookup fail
with 422 "Instance ... is not ready". nova_client() wraps the fake and seeds an
ACTIVE fake server for every live instance row. From 26.0.0, `trove-manage
db_sync` runs upgrade tasks that read `api_version` on the nova client, which
the fake lacks: the wrapper gives it one.

glance_client() is a tiny fake, so that code that looks an image up does not
try to reach Glance.

Named in trove.conf as remote_nova_client = harness_fakes.nova_client and
remote_glance_client = harness_fakes.glance_client.
"""
from trove.tests.fakes import nova as _fnova


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
