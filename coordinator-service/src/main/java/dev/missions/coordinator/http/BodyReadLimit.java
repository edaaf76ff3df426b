package dev.missions.coordinator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Enforces {@code missions.api.max-body-bytes} on the bytes a body reader actually takes, whatever Content-Length said
 * or whether there was one (chunked): the read that crosses the limit answers 413 and ends the request, so no more than
 * the limit is ever read or buffered for it.
 */
@Provider
public class BodyReadLimit implements ReaderInterceptor {

    /** The request property {@link BodySizeLimit} puts the Vert.x request under, for the answer this class may give. */
    static final String HTTP_REQUEST = BodyReadLimit.class.getName() + ".request";

    private final long maxBodyBytes;
    private final ObjectMapper json;

    public BodyReadLimit(@ConfigProperty(name = "missions.api.max-body-bytes", defaultValue = "262144") long maxBodyBytes,
            ObjectMapper json) {
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Counted(context.getInputStream(), maxBodyBytes,
                (HttpServerRequest) context.getProperty(HTTP_REQUEST), json));
        return context.proceed();
    }

    /** Counts every byte handed to the reader and ends the request at the one read that goes past the limit. */
    static final class Counted extends FilterInputStream {
        private final long limit;
        private final HttpServerRequest request;
        private final ObjectMapper json;
        private long read;

        Counted(InputStream in, long limit, HttpServerRequest request, ObjectMapper json) {
            super(in);
            this.limit = limit;
            this.request = request;
            this.json = json;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would make bytes count twice, or not at all
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > limit) {
                String message = "request body is over the limit of " + limit + " bytes";
                refuse(message);
                throw new BodyTooLargeException(message);
            }
        }

        /**
         * Answers here rather than through an exception mapper: the framework would first drain the rest of the body,
         * which a chunked sender may never end. Closing the connection once the answer is out ends the request.
         */
        private void refuse(String message) throws JsonProcessingException {
            if (request == null) {
                return;
            }
            HttpServerResponse response = request.response();
            if (response.headWritten()) {
                request.connection().close();
                return;
            }
            String body = json.writeValueAsString(new ApiError(Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), message,
                    java.util.List.of()));
            response.setStatusCode(Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode())
                    .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                    .putHeader("Connection", "close")
                    .endHandler(ended -> request.connection().close());
            response.end(body);
        }
    }
}
