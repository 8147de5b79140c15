from .announcements import Announcement, AnnouncementRecipient, AnnouncementRevision
from .boards import BoardEvent, PostRevision, Reply, Topic

__all__ = [
    "Announcement",
    "AnnouncementRecipient",
    "AnnouncementRevision",
    "BoardEvent",
    "PostRevision",
    "Reply",
    "Topic",
]
