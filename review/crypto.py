"""Personal information of experts and objectors: one key and format with declare (declare.pii)."""

from declare.pii import decrypt, encrypt, mask_mobile

__all__ = ["decrypt", "encrypt", "mask_mobile"]
