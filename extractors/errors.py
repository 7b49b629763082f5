"""Errors a document can fail with.  Each carries the ``status`` recorded for it.

The pipeline catches these per document, writes a ``documents`` row with the
status and message, and goes on with the batch.
"""

from __future__ import annotations


class ExtractionError(Exception):
    """A document could not be read.  ``status`` goes into ``documents.status``."""

    status = "failed"


class UnsupportedFormat(ExtractionError):
    status = "unsupported"


class EncryptedDocument(ExtractionError):
    status = "encrypted"


class CorruptDocument(ExtractionError):
    status = "corrupt"


class EmptyDocument(ExtractionError):
    status = "empty"


class ImageOnlyDocument(ExtractionError):
    status = "image_only"


class TooLarge(ExtractionError):
    """Larger than any plan, so not read (a 200 MB text file); see also ``pipeline.worker.Limits``."""

    status = "too_large"
