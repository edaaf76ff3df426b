package dev.missions.coordinator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 by hand, for what HTTP clients will not send: a chunked body that never ends, or one with a Content-Length
 * that says otherwise. Stops writing as soon as the server answers, so a refusal midway is seen, not a broken pipe.
 */
final class RawHttp {

    record Answer(int status, String text) {
    }

    private RawHttp() {
    }

    static Answer postChunked(URL url, String extraHeaders, byte[] body, boolean finish) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
                    + "Authorization: Bearer " + Missions.TOKEN + "\r\nContent-Type: application/json\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int chunk = 8 * 1024;
            try {
                for (int offset = 0; offset < body.length && in.available() == 0; offset += chunk) {
                    int length = Math.min(chunk, body.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                if (finish) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (SocketException closedWhileWriting) {
                // the server answered and closed while the rest was on its way: read what it said
            }
            return read(in);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
                String text = received.toString(StandardCharsets.UTF_8);
                if (complete(text)) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // a reset after the answer arrived still leaves the answer
        }
        String text = received.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP answer, got: " + text);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    }

    /** Headers and a body of the length they announce (the API answers with a Content-Length). */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String headers = text.substring(0, end).toLowerCase();
        int at = headers.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = headers.indexOf("\r\n", at);
        long length = Long.parseLong(headers.substring(at + 15, lineEnd < 0 ? headers.length() : lineEnd).strip());
        return text.getBytes(StandardCharsets.UTF_8).length - end - 4 >= length;
    }
}
