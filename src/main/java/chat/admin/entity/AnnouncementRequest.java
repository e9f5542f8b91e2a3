package chat.admin.entity;

/** Body of POST /api/admin/announcements. */
public record AnnouncementRequest(String content) {
}
