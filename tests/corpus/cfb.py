"""A minimal Compound File Binary (OLE2) writer: the container of password-protected workbooks and WPS .et files.

Version 3 (512-byte sectors), one FAT sector chain, a mini stream for streams under 4096 bytes, a directory whose
siblings are kept as a sorted right-leaning chain (valid for readers; every node black). Enough for a reader to
list the streams (EncryptionInfo, EncryptedPackage, Workbook …) the way it would in a file saved by Excel or WPS.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


@dataclass
class Node:
    name: str
    data: bytes | None = None  # None: a storage
    children: list[Node] = field(default_factory=list)
    id: int = -1
    start: int = END
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM


def _key(node: Node) -> tuple[int, str]:
    return (len(node.name), node.name.upper())


def _sectors(n: int, size: int) -> int:
    return (n + size - 1) // size


def compound_file(tree: dict[str, object]) -> bytes:
    """The bytes of a compound file; `tree` maps names to bytes (a stream) or to a dict (a storage)."""

    def build(name: str, content: object) -> Node:
        if isinstance(content, dict):
            return Node(name, None, [build(k, v) for k, v in content.items()])
        return Node(name, bytes(content))

    root = Node("Root Entry", None, [build(k, v) for k, v in tree.items()])
    nodes: list[Node] = []

    def number(node: Node) -> None:
        node.id = len(nodes)
        nodes.append(node)
        for c in node.children:
            number(c)

    number(root)
    for node in nodes:
        ordered = sorted(node.children, key=_key)
        if ordered:
            node.child = ordered[0].id
            for a, b in zip(ordered, ordered[1:], strict=False):
                a.right = b.id

    streams = [n for n in nodes if n.data is not None]
    small = [n for n in streams if len(n.data) < CUTOFF]
    big = [n for n in streams if len(n.data) >= CUTOFF]

    mini_stream = b""
    mini_fat: list[int] = []
    for n in small:
        if not n.data:
            n.start = END
            continue
        count = _sectors(len(n.data), MINI)
        n.start = len(mini_fat)
        mini_fat += [n.start + i + 1 for i in range(count - 1)] + [END]
        mini_stream += n.data.ljust(count * MINI, b"\0")

    dir_sectors = _sectors(len(nodes) * 128, SECTOR)
    minifat_sectors = _sectors(len(mini_fat) * 4, SECTOR) if mini_fat else 0
    ministream_sectors = _sectors(len(mini_stream), SECTOR)
    big_sectors = sum(_sectors(len(n.data), SECTOR) for n in big)
    body = dir_sectors + minifat_sectors + ministream_sectors + big_sectors
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < body + fat_sectors:
        fat_sectors += 1
    assert fat_sectors <= 109

    fat: list[int] = [FATSECT] * fat_sectors
    sectors: list[bytes] = []

    def chain(data: bytes) -> int:
        count = _sectors(len(data), SECTOR)
        if not count:
            return END
        start = fat_sectors + len(sectors)
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(start + i + 1 if i < count - 1 else END)
        return start

    dir_start_index = len(sectors)
    sectors.extend([b""] * dir_sectors)  # placeholder, filled after all starts are known
    fat.extend([fat_sectors + dir_start_index + i + 1 for i in range(dir_sectors - 1)] + [END])
    minifat_start = chain(b"".join(struct.pack("<I", x) for x in mini_fat)) if mini_fat else END
    root.start = chain(mini_stream) if mini_stream else END
    for n in big:
        n.start = chain(n.data)

    entries = b""
    for node in nodes:
        name = node.name.encode("utf-16-le") + b"\0\0"
        kind = 5 if node is root else (1 if node.data is None else 2)
        size = len(mini_stream) if node is root else (len(node.data) if node.data is not None else 0)
        entries += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name.ljust(64, b"\0"),
            len(name),
            kind,
            1,
            node.left,
            node.right,
            node.child,
            b"\0" * 16,
            0,
            0,
            0,
            node.start if (node.data is not None or node is root) else 0,
            size,
        )
    entries = entries.ljust(dir_sectors * SECTOR, b"\0")
    for i in range(dir_sectors):
        sectors[dir_start_index + i] = entries[i * SECTOR : (i + 1) * SECTOR]

    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        fat_sectors,
        fat_sectors + dir_start_index,
        0,
        CUTOFF,
        minifat_start,
        minifat_sectors,
        END,
        0,
    ) + b"".join(struct.pack("<I", x) for x in difat)
    assert len(header) == SECTOR
    return header + fat_bytes + b"".join(sectors)
