package dk.jobagent.ingest.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.1 client over a plain socket: it writes exactly the bytes it is given
 * (CR/LF inside header values, NUL bytes, two Content-Length headers, obsolete line folding...), so
 * that Tomcat sees what a hostile client would send; {@code java.net.http.HttpClient} refuses to
 * send most of these. One connection per request, closed by the request's {@code Connection:
 * close}; the answer is read to the end of the stream.
 */
final class RawHttp {

  /** An answer as read off the wire; status -1 when the server closed without answering. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private RawHttp() {}

  static Answer exchange(int port, byte[] request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
        s.shutdownOutput();
      } catch (IOException e) {
        // the server may answer and close before it has read everything: read what it said
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (IOException e) {
        // a reset after the answer: keep what arrived
      }
      return parse(all.toByteArray());
    }
  }

  static Answer parse(byte[] bytes) {
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (bytes.length == 0 || end < 0) {
      return new Answer(-1, Map.of(), bytes);
    }
    String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    String te = headers.get("transfer-encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      rest = unchunk(rest);
    } else if (headers.containsKey("content-length")) {
      int n = Integer.parseInt(headers.get("content-length"));
      rest = java.util.Arrays.copyOf(rest, Math.min(n, rest.length));
    }
    return new Answer(status, headers, rest);
  }

  private static byte[] unchunk(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < b.length) {
      int eol = indexOf(b, new byte[] {'\r', '\n'}, pos);
      if (eol < 0) {
        break;
      }
      String sizeText = new String(b, pos, eol - pos, StandardCharsets.ISO_8859_1).trim();
      int semi = sizeText.indexOf(';');
      int size = Integer.parseInt(semi < 0 ? sizeText : sizeText.substring(0, semi), 16);
      if (size == 0) {
        break;
      }
      int start = eol + 2;
      out.write(b, start, Math.min(size, b.length - start));
      pos = start + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
