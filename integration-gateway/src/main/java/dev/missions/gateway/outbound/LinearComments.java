package dev.missions.gateway.outbound;

import dev.missions.events.MissionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Comments on the Linear issue a mission came from, when it starts, is blocked and finishes, and attaches its
 * pull request, through Linear's GraphQL API ({@link LinearApi}). The origin keeps the issue identifier
 * (ENG-123); Linear resolves it to the issue id first.
 */
@ApplicationScoped
public class LinearComments {

    @Inject
    LinearClient linear;

    void comment(MissionEvent event, Optional<String> pullRequest) {
        String identifier = event.getOrigin().getReference();
        LinearApi.IssueRef issue = linear.call("the issue " + identifier, api -> api.issue(identifier));
        if (issue == null || issue.id() == null) {
            throw new RetryLater("Linear knows no issue " + identifier, null);
        }
        if (pullRequest.isPresent()) {
            // before the comment: attaching the same URL again changes nothing in Linear, a second comment would show
            LinearApi.AttachmentPayload attached = linear.call("the pull request on " + identifier,
                    api -> api.attachmentLinkURL(issue.id(), pullRequest.get(), "Pull request of mission " + event.getMeta().getMissionId()));
            if (attached == null || !attached.success()) {
                throw new RetryLater("Linear did not attach the pull request to " + identifier, null);
            }
        }
        LinearApi.CommentPayload created = linear.call("the comment on " + identifier,
                api -> api.commentCreate(new LinearApi.CommentCreateInput(issue.id(), body(event, pullRequest))));
        if (created == null || !created.success()) {
            throw new RetryLater("Linear did not create the comment on " + identifier, null);
        }
    }

    static String body(MissionEvent event, Optional<String> pullRequest) {
        String missionId = event.getMeta().getMissionId();
        String message = event.getMessage() == null ? "" : event.getMessage();
        return switch (event.getType()) {
            case ACCEPTED -> "🚀 Mission `" + missionId + "` started: " + message;
            case BLOCKED -> "⛔ Mission `" + missionId + "` is blocked: " + message;
            case SUCCEEDED -> "✅ Mission `" + missionId + "` is done: " + message + ProgressView.link(event, pullRequest);
            case FAILED -> "❌ Mission `" + missionId + "` failed: " + message;
            default -> "Mission `" + missionId + "`: " + message;
        };
    }
}
