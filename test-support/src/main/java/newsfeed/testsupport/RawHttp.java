package newsfeed.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP as bytes on a socket, for requests an HTTP client will not send as they are (HTTP/1.0 without {@code Host}, a
 * malformed line). Loopback only.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code request} as written to 127.0.0.1:{@code port} and reads the answer until the server closes the
     * connection (HTTP/1.0 closes after its answer), at most 10 s.
     *
     * @param request the request's bytes as ISO-8859-1 text, line ends ({@code \r\n}) and blank line included
     * @return the whole answer, status line, headers and body, as ISO-8859-1 text
     * @throws IOException if the connection fails, or the server has not closed it within 10 s
     */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
