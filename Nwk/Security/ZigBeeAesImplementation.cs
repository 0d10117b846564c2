namespace ZigBee.Nwk.Security;

/// <summary>Which AES a <see cref="ZigBeeCipher"/> runs on.</summary>
public enum ZigBeeAesImplementation
{
    /// <summary>The processor's AES instructions where the runtime exposes them (x86 AES-NI), else the platform's AES.</summary>
    Default,

    /// <summary>System.Security.Cryptography's AES (OpenSSL on Linux) always: about a microsecond per call, for comparison.</summary>
    Platform,
}
