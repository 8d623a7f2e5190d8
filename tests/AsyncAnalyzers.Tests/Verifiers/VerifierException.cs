using System;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>Thrown by the verifier when an expectation is not met; the message says what differed.</summary>
    public sealed class VerifierException : Exception
    {
        public VerifierException(string message)
            : base(message)
        {
        }
    }
}
