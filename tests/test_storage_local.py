"""The local private storage (core.storage.PrivateFileSystemStorage, the default): a save never
takes another file's name, `replace` rewrites whole, and no temporary file is left behind."""

import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from core.storage import PrivateFileSystemStorage


@pytest.fixture
def storage(tmp_path):
    return PrivateFileSystemStorage(location=str(tmp_path))


def test_the_configured_storage_is_the_private_one():
    assert type(storages["default"]) is PrivateFileSystemStorage


def test_a_second_save_under_a_taken_name_gets_its_own_name(storage, tmp_path):
    first = storage.save("projects/evidence/scan.pdf", ContentFile(b"first"))
    second = storage.save("projects/evidence/scan.pdf", ContentFile(b"second"))
    assert first == "projects/evidence/scan.pdf" and second != first
    assert storage.open(first).read() == b"first" and storage.open(second).read() == b"second"
    assert sorted(p.name for p in (tmp_path / "projects/evidence").iterdir()) == \
        sorted([first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]])


def test_replace_rewrites_the_same_name_and_leaves_no_temporary_file(storage, tmp_path):
    name = storage.save("documents/renders/ab/x.pdf", ContentFile(b"old" * 1000))
    assert storage.replace(name, ContentFile(b"new")) == name
    assert storage.open(name).read() == b"new"
    assert [p.name for p in (tmp_path / "documents/renders/ab").iterdir()] == ["x.pdf"]


def test_a_reader_sees_the_old_or_the_new_file_never_half(storage):
    old, new = b"A" * 4_000_000, b"B" * 4_000_000
    name = storage.save("f.bin", ContentFile(old))
    seen, stop = set(), threading.Event()

    def read():
        while not stop.is_set():
            with storage.open(name) as fh:
                data = fh.read()
            seen.add(data[:1] * len(data) == data and data in (old, new))

    reader = threading.Thread(target=read)
    reader.start()
    for n in range(20):
        storage.replace(name, ContentFile(new if n % 2 == 0 else old))
    stop.set()
    reader.join()
    assert seen == {True}


def test_no_link_into_the_storage_is_handed_out(storage):
    name = storage.save("materials/1/a.pdf", ContentFile(b"x"))
    with pytest.raises(NotImplementedError, match="私有存储中的文件只能通过系统下载。"):
        storage.url(name)
