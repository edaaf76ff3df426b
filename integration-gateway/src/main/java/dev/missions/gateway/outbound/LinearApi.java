package dev.missions.gateway.outbound;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * The part of Linear's GraphQL API the gateway uses, as a typed client (SmallRye GraphQL typesafe): the query
 * document is generated from these signatures, the answers are read into the records below. Names and
 * non-null markers follow Linear's schema, which checks the variable types against it. {@link LinearClient} builds
 * it from the gateway's own config, so it has no {@code quarkus.smallrye-graphql-client} keys; {@code close()}
 * releases its connections.
 */
public interface LinearApi extends AutoCloseable {

    /** Resolves an identifier such as {@code ENG-123} (or an issue id) to the issue. */
    @Query
    IssueRef issue(@NonNull @Name("id") String id);

    @Mutation
    CommentPayload commentCreate(@NonNull @Name("input") CommentCreateInput input);

    /** Links a URL to the issue; Linear shows a pull request URL as the issue's pull request. */
    @Mutation
    AttachmentPayload attachmentLinkURL(@NonNull @Name("issueId") String issueId, @NonNull @Name("url") String url,
            @Name("title") String title);

    record IssueRef(String id, String identifier) {
    }

    @Input("CommentCreateInput")
    record CommentCreateInput(String issueId, String body) {
    }

    record CommentPayload(boolean success, Comment comment) {
    }

    record Comment(String id, String url) {
    }

    record AttachmentPayload(boolean success, Attachment attachment) {
    }

    record Attachment(String id, String url) {
    }
}
