package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import newsfeed.ingest.feed.WebSubSignature.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The {@code X-Hub-Signature} check of W3C WebSub §8, against the HMAC test vectors of RFC 4231 §4.3 and RFC 2202
 * §3 (test case 2: key "Jefe", data "what do ya want for nothing?").
 */
class WebSubSignatureTest {

    private static final byte[] KEY = "Jefe".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

    @Test
    void eachMethodOfTheRecommendationIsChecked() {
        assertThat(WebSubSignature.verify("sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", DATA, KEY))
                .isEqualTo(Verdict.VALID);
        assertThat(WebSubSignature.verify(
                "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", DATA, KEY))
                .isEqualTo(Verdict.VALID);
        assertThat(WebSubSignature.verify("sha384=af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                + "8e2240ca5e69e2c78b3239ecfab21649", DATA, KEY)).isEqualTo(Verdict.VALID);
        assertThat(WebSubSignature.verify("sha512=164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737", DATA, KEY))
                .isEqualTo(Verdict.VALID);
        // hex in capitals and the method's case do not matter
        assertThat(WebSubSignature.verify("SHA256=5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843",
                DATA, KEY)).isEqualTo(Verdict.VALID);
        assertThat(WebSubSignature.sign("sha256", DATA, KEY))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aWrongSecretOrAChangedBodyDoesNotMatch() {
        String signed = WebSubSignature.sign("sha256", DATA, KEY);
        assertThat(WebSubSignature.verify(signed, DATA, "Jeff".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Verdict.MISMATCH);
        assertThat(WebSubSignature.verify(signed, "what do ya want for nothing!".getBytes(StandardCharsets.UTF_8),
                KEY)).isEqualTo(Verdict.MISMATCH);
        // the right digest under another method's name
        assertThat(WebSubSignature.verify(signed.replace("sha256=", "sha512="), DATA, KEY))
                .isEqualTo(Verdict.MISMATCH);
        // a truncated signature
        assertThat(WebSubSignature.verify(signed.substring(0, signed.length() - 2), DATA, KEY))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertThat(WebSubSignature.verify(null, DATA, KEY)).isEqualTo(Verdict.MISSING);
        assertThat(WebSubSignature.verify("  ", DATA, KEY)).isEqualTo(Verdict.MISSING);
        assertThat(WebSubSignature.verify("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", DATA,
                KEY)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebSubSignature.verify("sha256=not-hex", DATA, KEY)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebSubSignature.verify("sha256=abc", DATA, KEY)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebSubSignature.verify("=abcd", DATA, KEY)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebSubSignature.verify("md5=abcd", DATA, KEY)).isEqualTo(Verdict.UNKNOWN_METHOD);
        assertThat(Verdict.UNKNOWN_METHOD.tag()).isEqualTo("unknown-method");
        assertThatThrownBy(() -> WebSubSignature.sign("md5", DATA, KEY)).isInstanceOf(IllegalArgumentException.class);
    }
}
