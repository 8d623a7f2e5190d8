extern alias tasks;

using tasks::AsyncAnalyzers.Tasks;

namespace AsyncAnalyzers.Tests.Configuration
{
    /// <summary>
    /// The baseline task reads the compiler's SARIF log: version 2.1 (what the package asks for) and 1.0 (the compiler's
    /// default when a user sets ErrorLog without a version). The inputs are shaped like the compiler's output.
    /// </summary>
    [Trait("Rule", "ASYNC001")]
    public sealed class SarifReaderTests
    {
        private const string Justification = "Listed in AsyncAnalyzers.baseline.txt";

        [Fact]
        public void Version_2_1_results_locations_and_suppressions()
        {
            const string log = """
                {
                  "$schema": "http://json.schemastore.org/sarif-2.1.0",
                  "version": "2.1.0",
                  "runs": [
                    {
                      "results": [
                        {
                          "ruleId": "ASYNC101",
                          "level": "warning",
                          "message": { "text": "'Thread.Sleep' blocks \"quoted\" \u0027x\u0027" },
                          "suppressions": [ { "kind": "inSource", "properties": { "suppressionType": "DiagnosticSuppressor { Suppression Id: ASYNCB101, Suppression Justification: Listed in AsyncAnalyzers.baseline.txt (existing code) }" } } ],
                          "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/App/Program.cs" }, "region": { "startLine": 6, "startColumn": 9 } } } ],
                          "properties": { "warningLevel": 1 }
                        },
                        {
                          "ruleId": "ASYNC102",
                          "suppressions": [ { "kind": "inSource", "properties": { "suppressionType": "Pragma Directive" } } ],
                          "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/App/Program.cs" }, "region": { "startLine": 8 } } } ]
                        },
                        { "ruleId": "ASYNC103", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/App/A%20B.cs" }, "region": { "startLine": 12 } } } ] },
                        { "ruleId": "CS8019", "locations": [] }
                      ],
                      "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler", "rules": [ { "id": "ASYNC101", "shortDescription": { "text": "x" } } ] } },
                      "columnKind": "utf16CodeUnits"
                    }
                  ]
                }
                """;
            var results = SarifReader.Read(log, Justification);
            Assert.Equal(4, results.Count);
            Assert.Equal(("ASYNC101", "file:///repo/App/Program.cs", 6, true, true), Shape(results[0]));
            Assert.Equal(("ASYNC102", "file:///repo/App/Program.cs", 8, true, false), Shape(results[1]));
            Assert.Equal(("ASYNC103", "file:///repo/App/A%20B.cs", 12, false, false), Shape(results[2]));
            Assert.Equal(("CS8019", null, 0, false, false), Shape(results[3]));
        }

        [Fact]
        public void Version_1_results_and_suppression_states()
        {
            const string log = """
                {
                  "$schema": "http://json.schemastore.org/sarif-1.0.0",
                  "version": "1.0.0",
                  "runs": [ { "tool": { "name": "Microsoft (R) Visual C# Compiler" }, "results": [
                    { "ruleId": "ASYNC101", "level": "warning", "message": "m", "suppressionStates": [ "suppressedInSource" ],
                      "locations": [ { "resultFile": { "uri": "file:///repo/App/Program.cs", "region": { "startLine": 7, "startColumn": 9, "endLine": 7, "endColumn": 25 } } } ] },
                    { "ruleId": "ASYNC201", "level": "warning", "message": "m",
                      "locations": [ { "resultFile": { "uri": "file:///repo/App/Program.cs", "region": { "startLine": 9 } } } ] }
                  ], "rules": { } } ]
                }
                """;
            var results = SarifReader.Read(log, Justification);
            Assert.Equal(("ASYNC101", "file:///repo/App/Program.cs", 7, true, false), Shape(results[0]));
            Assert.Equal(("ASYNC201", "file:///repo/App/Program.cs", 9, false, false), Shape(results[1]));
        }

        [Fact]
        public void A_log_without_runs_has_no_results()
            => Assert.Empty(SarifReader.Read("{ \"version\": \"2.1.0\", \"runs\": [] }", Justification));

        [Fact]
        public void Truncated_json_is_a_format_error()
            => Assert.Throws<System.FormatException>(() => SarifReader.Read("{ \"runs\": [ { \"results\": [ { \"ruleId\": \"ASYNC101\"", Justification));

        private static (string, string?, int, bool, bool) Shape(SarifResult result)
            => (result.RuleId, result.Uri, result.StartLine, result.Suppressed, result.SuppressedByBaseline);
    }
}
