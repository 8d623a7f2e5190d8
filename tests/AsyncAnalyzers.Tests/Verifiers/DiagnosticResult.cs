using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>An expected diagnostic; mirrors Microsoft.CodeAnalysis.Testing.DiagnosticResult.</summary>
    public readonly struct DiagnosticResult
    {
        private DiagnosticResult(
            string id,
            DiagnosticSeverity? severity,
            DiagnosticDescriptor? descriptor,
            string? path,
            LinePositionSpan? span,
            bool ignoreLength,
            int? markerIndex,
            object?[]? arguments,
            string? message)
        {
            Id = id;
            Severity = severity;
            Descriptor = descriptor;
            Path = path;
            Span = span;
            IgnoreLength = ignoreLength;
            MarkerIndex = markerIndex;
            MessageArguments = arguments;
            Message = message;
        }

        public DiagnosticResult(string id, DiagnosticSeverity severity)
            : this(id, severity, null, null, null, false, null, null, null)
        {
        }

        public DiagnosticResult(DiagnosticDescriptor descriptor)
            : this(descriptor.Id, null, descriptor, null, null, false, null, null, null)
        {
        }

        public string Id { get; }

        public DiagnosticSeverity? Severity { get; }

        public DiagnosticDescriptor? Descriptor { get; }

        public string? Path { get; }

        public LinePositionSpan? Span { get; }

        /// <summary>Only the start of <see cref="Span"/> is compared.</summary>
        public bool IgnoreLength { get; }

        /// <summary>Set by <see cref="WithLocation(int)"/>: the span comes from the markup <c>{|#n:…|}</c>.</summary>
        public int? MarkerIndex { get; }

        public object?[]? MessageArguments { get; }

        public string? Message { get; }

        public bool HasLocation => Span.HasValue || MarkerIndex.HasValue;

        internal static DiagnosticResult ForId(string id) => new DiagnosticResult(id, null, null, null, null, false, null, null, null);

        public static DiagnosticResult CompilerError(string id) => new DiagnosticResult(id, DiagnosticSeverity.Error);

        public static DiagnosticResult CompilerWarning(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        public DiagnosticResult WithSeverity(DiagnosticSeverity severity)
            => new DiagnosticResult(Id, severity, Descriptor, Path, Span, IgnoreLength, MarkerIndex, MessageArguments, Message);

        public DiagnosticResult WithArguments(params object?[] arguments)
            => new DiagnosticResult(Id, Severity, Descriptor, Path, Span, IgnoreLength, MarkerIndex, arguments, Message);

        public DiagnosticResult WithMessage(string message)
            => new DiagnosticResult(Id, Severity, Descriptor, Path, Span, IgnoreLength, MarkerIndex, MessageArguments, message);

        /// <summary>1-based line and column of the start; the length is not compared.</summary>
        public DiagnosticResult WithLocation(int line, int column) => WithLocation(string.Empty, line, column);

        public DiagnosticResult WithLocation(string path, int line, int column)
        {
            var position = new LinePosition(line - 1, column - 1);
            return new DiagnosticResult(Id, Severity, Descriptor, path, new LinePositionSpan(position, position), true, null, MessageArguments, Message);
        }

        /// <summary>The span of markup <c>{|#markerIndex:…|}</c>.</summary>
        public DiagnosticResult WithLocation(int markerIndex)
            => new DiagnosticResult(Id, Severity, Descriptor, Path, null, false, markerIndex, MessageArguments, Message);

        /// <summary>1-based start and end line/column.</summary>
        public DiagnosticResult WithSpan(int startLine, int startColumn, int endLine, int endColumn)
            => WithSpan(string.Empty, startLine, startColumn, endLine, endColumn);

        public DiagnosticResult WithSpan(string path, int startLine, int startColumn, int endLine, int endColumn)
            => new DiagnosticResult(
                Id, Severity, Descriptor, path,
                new LinePositionSpan(new LinePosition(startLine - 1, startColumn - 1), new LinePosition(endLine - 1, endColumn - 1)),
                false, null, MessageArguments, Message);

        internal DiagnosticResult WithResolvedSpan(string path, LinePositionSpan span)
            => new DiagnosticResult(Id, Severity, Descriptor, path, span, false, null, MessageArguments, Message);

        internal DiagnosticResult WithDescriptor(DiagnosticDescriptor? descriptor)
            => new DiagnosticResult(Id, Severity, descriptor, Path, Span, IgnoreLength, MarkerIndex, MessageArguments, Message);

        /// <summary>The message this expectation pins down, or null when the message is not compared.</summary>
        internal string? ExpectedMessage()
        {
            if (Message != null)
            {
                return Message;
            }

            if (MessageArguments != null && Descriptor != null)
            {
                return string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), MessageArguments);
            }

            return null;
        }

        public override string ToString()
        {
            var location = Span is { } s
                ? string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}){3}", Path, s.Start.Line + 1, s.Start.Character + 1, IgnoreLength ? string.Empty : string.Format(CultureInfo.InvariantCulture, "-({0},{1})", s.End.Line + 1, s.End.Character + 1))
                : MarkerIndex is { } m ? "{|#" + m.ToString(CultureInfo.InvariantCulture) + ":…|}" : "(no location)";
            var text = Id + " at " + location;
            if (Severity is { } severity)
            {
                text += " [" + severity + "]";
            }

            var message = ExpectedMessage();
            if (message != null)
            {
                text += ": " + message;
            }

            return text;
        }
    }
}
