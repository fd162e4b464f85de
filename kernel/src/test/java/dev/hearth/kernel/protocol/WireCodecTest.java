package dev.hearth.kernel.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireCodecTest {

    private final MessageFactory messages = new MessageFactory("k1");

    private WireCodec codec(String key) {
        return new WireCodec(Signer.create("hmac-sha256", key), 1_000_000);
    }

    private Message request(String type, Map<String, Object> content) {
        return new Message(List.of("client-1".getBytes(StandardCharsets.UTF_8)), messages.header(type), Map.of(),
                Map.of(), content, List.of());
    }

    @Test
    void signedMessageRoundTripsWithIdentitiesAndContent() throws Exception {
        List<byte[]> frames = codec("secret").encode(request("execute_request", Map.of("code", "1 + 1")));
        Message decoded = codec("secret").decode(frames);
        assertEquals("execute_request", decoded.msgType());
        assertEquals("1 + 1", decoded.content().get("code"));
        assertArrayEquals("client-1".getBytes(StandardCharsets.UTF_8), decoded.identities().get(0));
    }

    @Test
    void signatureIsTheHexHmacSha256OfTheFourPartsInOrder() {
        // RFC 4231 test case 2, with the data split into the four signed parts
        Signer signer = Signer.create("hmac-sha256", "Jefe");
        byte[][] parts = {"what do ya".getBytes(StandardCharsets.UTF_8), " want".getBytes(StandardCharsets.UTF_8),
                " for".getBytes(StandardCharsets.UTF_8), " nothing?".getBytes(StandardCharsets.UTF_8)};
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assertEquals(expected, signer.sign(parts[0], parts[1], parts[2], parts[3]));
        assertTrue(signer.verify(expected.getBytes(StandardCharsets.US_ASCII), parts[0], parts[1], parts[2], parts[3]));
    }

    @Test
    void wrongKeyIsRefused() {
        List<byte[]> frames = codec("other").encode(request("kernel_info_request", Map.of()));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec("secret").decode(frames));
        assertEquals("bad signature", e.getMessage());
    }

    @Test
    void tamperedContentIsRefused() {
        List<byte[]> frames = new ArrayList<>(codec("secret").encode(request("execute_request", Map.of("code", "1"))));
        frames.set(6, "{\"code\": \"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedMessageException.class, () -> codec("secret").decode(frames));
    }

    @Test
    void missingSignatureIsRefused() {
        List<byte[]> frames = new ArrayList<>(codec("secret").encode(request("kernel_info_request", Map.of())));
        frames.set(2, new byte[0]);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec("secret").decode(frames));
        assertEquals("missing signature", e.getMessage());
    }

    @Test
    void replayedMessageIsRefusedTheSecondTime() throws Exception {
        WireCodec kernel = codec("secret");
        List<byte[]> frames = codec("secret").encode(request("kernel_info_request", Map.of()));
        kernel.decode(frames);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> kernel.decode(frames));
        assertTrue(e.getMessage().contains("replayed"));
    }

    @Test
    void framesWithoutDelimiterAreRefused() {
        List<byte[]> frames = List.of("garbage".getBytes(StandardCharsets.UTF_8), new byte[]{0, 1, 2});
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec("secret").decode(frames));
        assertTrue(e.getMessage().contains("delimiter"));
    }

    @Test
    void nonJsonWithValidSignatureIsRefused() {
        Signer signer = Signer.create("hmac-sha256", "secret");
        byte[] junk = "not json".getBytes(StandardCharsets.UTF_8);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String signature = signer.sign(junk, empty, empty, empty);
        List<byte[]> frames = List.of(WireCodec.DELIMITER, signature.getBytes(StandardCharsets.US_ASCII), junk, empty,
                empty, empty);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec("secret").decode(frames));
        assertTrue(e.getMessage().startsWith("header is not a JSON object"), e.getMessage());
    }

    @Test
    void oversizedMessageIsRefusedBeforeParsing() {
        WireCodec small = new WireCodec(Signer.create("hmac-sha256", "secret"), 100);
        List<byte[]> frames = codec("secret").encode(request("execute_request", Map.of("code", "x".repeat(500))));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> small.decode(frames));
        assertTrue(e.getMessage().contains("exceeds the limit"));
    }

    @Test
    void refusalsOfAuthenticMessagesCanBeAnsweredForgedOnesCannot() {
        WireCodec small = new WireCodec(Signer.create("hmac-sha256", "secret"), 100);
        List<byte[]> frames = codec("secret").encode(request("execute_request", Map.of("code", "x".repeat(500))));
        MalformedMessageException tooLarge = assertThrows(MalformedMessageException.class, () -> small.decode(frames));
        assertEquals("execute_request", tooLarge.answerable().orElseThrow().msgType());
        assertArrayEquals("client-1".getBytes(StandardCharsets.UTF_8), tooLarge.answerable().get().identities().get(0));
        List<byte[]> forged = codec("other key").encode(request("execute_request", Map.of("code", "x".repeat(500))));
        assertTrue(assertThrows(MalformedMessageException.class, () -> small.decode(forged)).answerable().isEmpty());
    }

    @Test
    void stringsLongerThanJacksonsDefaultAreReadWithinTheMessageLimit() throws Exception {
        WireCodec large = new WireCodec(Signer.create("hmac-sha256", "secret"), 64L * 1024 * 1024);
        String code = "y".repeat(20_000_001);
        List<byte[]> frames = codec("secret").encode(request("execute_request", Map.of("code", code)));
        assertEquals(code.length(), String.valueOf(large.decode(frames).content().get("code")).length());
    }

    @Test
    void emptyKeyMeansUnsignedMessagesAreAccepted() throws Exception {
        List<byte[]> frames = codec("").encode(request("kernel_info_request", Map.of()));
        assertEquals(0, frames.get(2).length);
        assertEquals("kernel_info_request", codec("").decode(frames).msgType());
    }

    @Test
    void replyEchoesTheRequestHeaderAsParent() {
        Message request = request("kernel_info_request", Map.of());
        Message reply = messages.reply(request, "kernel_info_reply", Map.of("status", "ok"));
        assertEquals(request.header(), reply.parentHeader());
        assertEquals("5.3", reply.header().get("version"));
    }
}
