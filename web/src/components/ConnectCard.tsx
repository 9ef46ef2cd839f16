import {
  KEY_PLACEHOLDER,
  mcpClientConfig,
  mcpUrl,
  OPENAPI_JSON_PATH,
  OPENAPI_UI_PATH,
  SDK_INSTALL,
} from '../connect';
import { CopyButton } from './CopyButton';

/** The scopes an agent's key needs, in the README's words (MCP server). */
export function McpScopeHint() {
  return (
    <p>
      The key's scopes decide which tools an agent is offered: <code>search</code> and{' '}
      <code>entities:read</code> to read (<code>search</code>, <code>list_collections</code>,{' '}
      <code>describe_collection</code>, <code>get_record</code>), plus <code>ingest</code> to write (
      <code>upsert_records</code>). Without a key only <code>open_search</code> over public records.
    </p>
  );
}

/**
 * The three doors besides the dashboard (README "Programs and agents"): the OpenAPI document, the SDK
 * and the MCP server, with a client config whose key is a placeholder. The show-once dialog of a new
 * key repeats the config with the real key.
 */
export function ConnectCard() {
  const url = mcpUrl();
  return (
    <section className="card" aria-labelledby="connect-title">
      <div className="card-header">
        <div>
          <h2 id="connect-title">Connect programs and agents</h2>
          <p className="muted">Everything below authenticates with an API key from this page.</p>
        </div>
      </div>
      <div className="connect-grid">
        <div className="connect-item">
          <h3 className="subheading">OpenAPI document</h3>
          <p className="muted">
            Every route with its request and answer schemas, to call or generate a client.
          </p>
          <div className="row">
            <a className="button button-small" href={OPENAPI_UI_PATH} target="_blank" rel="noreferrer">
              Swagger UI
            </a>
            <a className="button button-small" href={OPENAPI_JSON_PATH} target="_blank" rel="noreferrer">
              OpenAPI JSON
            </a>
          </div>
        </div>
        <div className="connect-item">
          <h3 className="subheading">TypeScript SDK</h3>
          <p className="muted">Typed from the same document, with retries, uploads and paging.</p>
          <div className="copy-row">
            <code className="copy-value">{SDK_INSTALL}</code>
            <CopyButton text={SDK_INSTALL} label="Copy install command" className="button button-small" />
          </div>
        </div>
        <div className="connect-item">
          <h3 className="subheading">MCP server</h3>
          <p className="muted">For AI agents: Streamable HTTP, the key in the Authorization header.</p>
          <div className="copy-row">
            <code className="copy-value" aria-label="MCP URL">
              {url}
            </code>
            <CopyButton text={url} label="Copy MCP URL" className="button button-small" />
          </div>
        </div>
      </div>
      <div className="connect-config">
        <div>
          <div className="row-between">
            <span className="field-label">MCP client config</span>
            <CopyButton
              text={mcpClientConfig(KEY_PLACEHOLDER)}
              label="Copy MCP config"
              className="button button-small"
            >
              Copy config
            </CopyButton>
          </div>
          <pre className="code-block" aria-label="MCP client config">
            {mcpClientConfig(KEY_PLACEHOLDER)}
          </pre>
        </div>
        <div className="connect-notes">
          <p>
            Paste it into <code>.mcp.json</code> (Claude Code fills <code>{KEY_PLACEHOLDER}</code> from the
            environment) or Cursor's <code>mcp.json</code> (written <code>{'${env:CISTERN_API_KEY}'}</code>{' '}
            there). A new key's dialog shows this config with the key filled in.
          </p>
          <McpScopeHint />
        </div>
      </div>
    </section>
  );
}
