/**
 * Telegram's public RSA keys (tdlib td/telegram/net/PublicRsaKeySharedMain.cpp, reproduced in
 * tdlib td/telegram/net/PublicRsaKeySharedMain.cpp) with their fingerprints.
 */

/** Production DCs' key; fingerprint 0xd09d1d85de64fd85 (wire 85fd64de851d9dd0). */
export const TELEGRAM_PRODUCTION_RSA_PUBLIC_KEY_PEM = `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA6LszBcC1LGzyr992NzE0ieY+BSaOW622Aa9Bd4ZHLl+TuFQ4lo4g
5nKaMBwK/BIb9xUfg0Q29/2mgIR6Zr9krM7HjuIcCzFvDtr+L0GQjae9H0pRB2OO
62cECs5HKhT5DZ98K33vmWiLowc621dQuwKWSQKjWf50XYFw42h21P2KXUGyp2y/
+aEyZ+uVgLLQbRA1dEjSDZ2iGRy12Mk5gpYc397aYp438fsJoHIgJ2lgMv5h7WY9
t6N/byY9Nw9p21Og3AoXSL2q/2IJ1WRUhebgAdGVMlV1fkuOQoEzR7EdpqtQD9Cs
5+bfo3Nhmcyvk5ftB0WkJ9z6bNZ7yxrP8wIDAQAB
-----END RSA PUBLIC KEY-----`;

/** Fingerprint of the production key (unsigned 64-bit). */
export const TELEGRAM_PRODUCTION_RSA_FINGERPRINT = 0xd09d1d85de64fd85n;

/** Test DCs' key; fingerprint 0xb25898df208d2603 (wire 03268d20df9858b2). */
export const TELEGRAM_TEST_RSA_PUBLIC_KEY_PEM = `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAyMEdY1aR+sCR3ZSJrtztKTKqigvO/vBfqACJLZtS7QMgCGXJ6XIR
yy7mx66W0/sOFa7/1mAZtEoIokDP3ShoqF4fVNb6XeqgQfaUHd8wJpDWHcR2OFwv
plUUI1PLTktZ9uW2WE23b+ixNwJjJGwBDJPQEQFBE+vfmH0JP503wr5INS1poWg/
j25sIWeYPHYeOrFp/eXaqhISP6G+q2IeTaWTXpwZj4LzXq5YOpk4bYEQ6mvRq7D1
aHWfYmlEGepfaYR8Q0YqvvhYtMte3ITnuSJs171+GDqpdKcSwHnd6FudwGO4pcCO
j4WcDuXc2CTHgH8gFTNhp/Y8/SpDOhvn9QIDAQAB
-----END RSA PUBLIC KEY-----`;

/** Fingerprint of the test-DC key (unsigned 64-bit). */
export const TELEGRAM_TEST_RSA_FINGERPRINT = 0xb25898df208d2603n;
