using System;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>Thrown by our hooks, and around the official harness's failures to say which reference set failed.</summary>
    public sealed class VerifierException : Exception
    {
        public VerifierException(string message)
            : base(message)
        {
        }

        public VerifierException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
