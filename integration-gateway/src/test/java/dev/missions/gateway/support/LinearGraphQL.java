package dev.missions.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Linear's GraphQL endpoint on WireMock. Requests are matched on the exact query document the typed client
 * must send, so a changed operation, field or variable type finds no stub and the test sees it.
 */
public final class LinearGraphQL {

    public static final String PATH = "/linear/graphql";
    public static final String ISSUE_ID = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";

    /** Linear's {@code issue(id: String!): Issue!}. */
    public static final String ISSUE = "query issue($id: String!) { issue(id: $id) {id identifier} }";
    /** Linear's {@code commentCreate(input: CommentCreateInput!): CommentPayload!}. */
    public static final String COMMENT_CREATE =
            "mutation commentCreate($input: CommentCreateInput!) { commentCreate(input: $input) {success comment {id url}} }";
    /** Linear's {@code attachmentLinkURL(issueId: String!, url: String!, title: String): AttachmentPayload!}. */
    public static final String ATTACHMENT_LINK_URL = "mutation attachmentLinkURL($issueId: String!, $url: String!, $title: String) "
            + "{ attachmentLinkURL(issueId: $issueId, url: $url, title: $title) {success attachment {id url}} }";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LinearGraphQL() {
    }

    public static MappingBuilder operation(String document) {
        return post(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.query", equalTo(document)));
    }

    public static RequestPatternBuilder sent(String document) {
        return postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.query", equalTo(document)));
    }

    /** Any issue resolves to {@link #ISSUE_ID}; comments and attachments succeed. */
    public static void stubAnswers(WireMockServer apis) {
        apis.stubFor(operation(ISSUE).willReturn(okJson(
                "{\"data\": {\"issue\": {\"id\": \"" + ISSUE_ID + "\", \"identifier\": \"ENG-42\"}}}")));
        apis.stubFor(operation(COMMENT_CREATE).withRequestBody(matchingJsonPath("$.variables.input.issueId", equalTo(ISSUE_ID)))
                .willReturn(okJson("{\"data\": {\"commentCreate\": {\"success\": true, "
                        + "\"comment\": {\"id\": \"c-1\", \"url\": \"https://linear.app/acme/issue/ENG-42#comment-c-1\"}}}}")));
        apis.stubFor(operation(ATTACHMENT_LINK_URL).withRequestBody(matchingJsonPath("$.variables.issueId", equalTo(ISSUE_ID)))
                .willReturn(okJson("{\"data\": {\"attachmentLinkURL\": {\"success\": true, "
                        + "\"attachment\": {\"id\": \"a-1\", \"url\": \"https://github.com/acme/app/pull/7\"}}}}")));
    }

    /** The variables of each request of {@code document} whose text mentions {@code marker}. */
    public static List<JsonNode> variables(WireMockServer apis, String document, String marker) {
        return apis.findAll(sent(document)).stream().map(LinearGraphQL::body)
                .filter(body -> body.path("variables").toString().contains(marker)).map(body -> body.path("variables")).toList();
    }

    public static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
