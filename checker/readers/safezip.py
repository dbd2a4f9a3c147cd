"""Zip containers (docx) opened with their sizes checked before anything is inflated.

A zip bomb is a few kilobytes that inflate to gigabytes. The central directory states every
member's size: the sum is checked against the limit before a byte is inflated, and each member
is then read with a hard cap, because the stated size can lie.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from checker.core.errors import ReadError

MAX_MEMBERS = 10_000
_CHUNK = 1 << 16


class SafeZip:
    def __init__(self, data: bytes, max_inflated: int, what: str):
        self.max_inflated = max_inflated
        self.what = what
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            raise self._broken(f"压缩包损坏或不完整（{exc}）") from exc
        if len(infos) > MAX_MEMBERS:
            raise ReadError(
                "zip_bomb", f"{what}包含 {len(infos)} 个部件，超过上限 {MAX_MEMBERS}，疑似恶意文件"
            )
        stated = sum(info.file_size for info in infos)
        if stated > max_inflated:
            raise ReadError(
                "zip_bomb",
                f"{what}解压后将达 {stated} 字节，超过上限 {max_inflated} 字节（疑似压缩炸弹），未解压",
            )
        self.names = {info.filename for info in infos}

    def read(self, name: str) -> bytes | None:
        """A member's bytes (None if absent), never more than the limit whatever it states."""
        if name not in self.names:
            return None
        out = bytearray()
        try:
            with self.archive.open(name) as member:
                while chunk := member.read(_CHUNK):
                    out += chunk
                    if len(out) > self.max_inflated:
                        raise ReadError(
                            "zip_bomb",
                            f"{self.what}的部件 {name} 解压后超过上限 {self.max_inflated} 字节（疑似压缩炸弹）",
                        )
        except RuntimeError as exc:  # zipfile's "encrypted, password required"
            raise ReadError("encrypted_docx", f"{self.what}已加密，请去除密码后重新检查") from exc
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error) as exc:
            raise self._broken(f"部件 {name} 无法解压（{exc}）") from exc
        return bytes(out)

    def _broken(self, detail: str) -> ReadError:
        return ReadError("broken_docx", f"{self.what}已损坏，无法读取：{detail}")
