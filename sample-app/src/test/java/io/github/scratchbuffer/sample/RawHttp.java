package io.github.scratchbuffer.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends requests byte for byte as given, headers a normal HTTP client refuses to send
 * included, and reads whatever comes back until the server closes the connection.
 */
final class RawHttp {

	private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

	private RawHttp() {
	}

	/**
	 * Sends a request and reads the response.
	 * @param port the server's port on loopback
	 * @param head the request line and headers, without the blank line that ends them
	 * @param body the body, sent after the blank line
	 * @return the response
	 */
	static Response exchange(int port, String head, byte[] body) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer (413, 400) and close before reading everything.
			}
			return Response.parse(readUntilClosed(socket.getInputStream()));
		}
	}

	/**
	 * Reads until the response is complete by its own framing (Content-Length or the last
	 * chunk), or until the server closes the connection.
	 */
	private static byte[] readUntilClosed(InputStream in) throws IOException {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try {
			int read;
			while (!complete(response) && (read = in.read(chunk)) >= 0) {
				response.write(chunk, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new IOException("No complete response within 15 s; got: "
					+ new String(response.toByteArray(), StandardCharsets.ISO_8859_1), ex);
		}
		catch (IOException ex) {
			// A reset after the response was written: keep what arrived.
		}
		return response.toByteArray();
	}

	private static boolean complete(ByteArrayOutputStream response) {
		String text = response.toString(StandardCharsets.ISO_8859_1);
		int headersEnd = text.indexOf("\r\n\r\n");
		if (headersEnd < 0) {
			return false;
		}
		String headers = text.substring(0, headersEnd).toLowerCase(Locale.ROOT);
		int bodyLength = text.length() - headersEnd - 4;
		Matcher contentLength = CONTENT_LENGTH.matcher(headers);
		if (contentLength.find()) {
			return bodyLength >= Integer.parseInt(contentLength.group(1));
		}
		if (headers.contains("transfer-encoding: chunked")) {
			return text.endsWith("\r\n0\r\n\r\n");
		}
		return false;
	}

	/**
	 * A response: status and the raw text after the status line (headers and body).
	 *
	 * @param status the status code, or 0 if nothing came back
	 * @param text the headers and body as ISO-8859-1 text
	 */
	record Response(int status, String text) {

		static Response parse(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
				return new Response(0, text);
			}
			return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(12));
		}

		String body() {
			int end = this.text.indexOf("\r\n\r\n");
			return (end < 0) ? "" : this.text.substring(end + 4);
		}

	}

}
