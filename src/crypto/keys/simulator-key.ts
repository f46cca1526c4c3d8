/**
 * The simulator's own RSA key pair (own simulator key pair (src/simulator's RSA key)): a freshly generated
 * 2048-bit key for a LOCAL test server, NOT a Telegram key and not a secret worth protecting.
 * The simulator uses it by default; a client under test must trust its public key.
 */

/** Public half (PKCS#1); fingerprint 0x13b8a0c746edec4c (wire 4ceced46c7a0b813). */
export const SIMULATOR_RSA_PUBLIC_KEY_PEM = `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA0dBt/M7pHEc4R133lr3InHQdmTLHcuV9mM+cTbnEvSOLsyQNGbAn
wUtKh1rUH2crWj65Ld0Nj9MUskip94DFVH9lAMxFUaq7I3vUF+BaqE8GvqfVPvmT
JISJkAYbu4+QjtYTVP6Qcv/3PUZ6nW69vlo3wG3Je4KimlL55C/cEum+58LXc5st
e4H38tB0m/sOODNq7YTSDMzOIXpGGsBUfvlhGOKJVyxZCRamiMMnKe89Ba+VtZCZ
4t5cK69JISG3BlJp0+gSicfP4B1I2uMBG/NV3y2AcKn+yZvt8Pt0uNROThSaiTwD
ORZDaC0mbY+eOz8USco9VsfGlJgofFpJaQIDAQAB
-----END RSA PUBLIC KEY-----`;

/** Private half (PKCS#1). For tests and the local simulator only. */
export const SIMULATOR_RSA_PRIVATE_KEY_PEM = `-----BEGIN RSA PRIVATE KEY-----
MIIEpQIBAAKCAQEA0dBt/M7pHEc4R133lr3InHQdmTLHcuV9mM+cTbnEvSOLsyQN
GbAnwUtKh1rUH2crWj65Ld0Nj9MUskip94DFVH9lAMxFUaq7I3vUF+BaqE8GvqfV
PvmTJISJkAYbu4+QjtYTVP6Qcv/3PUZ6nW69vlo3wG3Je4KimlL55C/cEum+58LX
c5ste4H38tB0m/sOODNq7YTSDMzOIXpGGsBUfvlhGOKJVyxZCRamiMMnKe89Ba+V
tZCZ4t5cK69JISG3BlJp0+gSicfP4B1I2uMBG/NV3y2AcKn+yZvt8Pt0uNROThSa
iTwDORZDaC0mbY+eOz8USco9VsfGlJgofFpJaQIDAQABAoIBABae5+jQfwn9NLhf
DW1LX1hc3X8RnjbJPsoNoh6wJ2Gz9iEVgzMQjqy0mx+uP332P9KOPiVPdqGZwpq5
IlgMolnKlV9pZpTYOS5pcJO1bNjGEmZWTnOocUCH6JPmULGfWBjKRFHO01COv79z
vI8CLENcUzP0MjuWeUT1qrr7HPlN16GFLkoVj+FLATFTwWbUdHpcxTtJStkb7fma
oCx3Sl3khIy0l9kMvAcQLulXwXLJEyUHIeabFARFij3H6gF2PBnSjwDb84+kp5dw
UfFlizgY2Q84ceXHR/OrxNHtp1FkDMQxGRHt3D7B2YENmJnrPy4OHofvHRyP5She
wK5KEY0CgYEA96LSLXuKZENAiIw/ltORpqd2R7L62BSLsL5uFsuCf+N5jZkiu5C4
gEKv4gL4aN8FzrYr7Bv2+ncOxtVwZGI4Ne+/a55IdV6AWfWbzE5bDxutvqZiixcQ
4ezV4oX6gfsml2on/II3KC4Kysrsmkjewa6zFwSxK+uypAQNwVL7a/UCgYEA2OaV
PdrVGwjsgDofCbplPrQLzQ9ZwcwGMzARF9ZnKs286faZqNm7yjepTEeYXxyryUPd
ch8czVcoNpcHxD3rr1XKrW9nmoCtV9KdVZxa/xWeXD6CE0J+ibYiWk3ZAOfbO617
nv7g6HZnOd2RWvfVTCFBcyMJEgJ9/SxtojUukyUCgYEAodMh/BzuXATiyBi2eU66
sKhgkAwzBj+u5YocEQNevUoepdy7qMyy9QYfP9fnE0ki12mOnFXN+PESk/bo4oCY
8Q5CDga6nRBrWd45uLI/qUjSKnM6lGA3ZRxKzSP2hzhjiLETflxtxPEJlmozYcNa
5kDOwa0MRoJZE/ueLYaXzH0CgYEAiXDTcPaRwyfMdRRfRpLORQVh1Pa9MYhPBXCX
5Dr/9KeZ5cdVZyFRVboflS5o5xwL3uUaFY6ReayY1r6tNTTne5spau0FAWo4bUYQ
XIdPQgQ47MrPMdUYybqX2hEqSOCikxZDF2T6r1MX5hr4WGRizHLmPkcdIERkAWF9
tyNr9+ECgYEA93p0VD39wgwAmjNrOwQHT0v20z1RFT15Z5N1kjgH+P3tNHEqy6Jm
NLUHryDW9qR4BzyvUuIOSk1cSUyPpa/nudmSK5u5adGV/aej78miquCPR+G4saiZ
Y/RBy5WL2Pc3Y4Xjd78ZG7Z1jOnVJpwhApA/DVDl9c0/ZnLKMTZn1ks=
-----END RSA PRIVATE KEY-----`;

/** Fingerprint of the simulator key (unsigned 64-bit). */
export const SIMULATOR_RSA_FINGERPRINT = 0x13b8a0c746edec4cn;
