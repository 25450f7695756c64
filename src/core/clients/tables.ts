/** The tables of the client registry (migration 0019_clients; docs/decisions/0010 §2.1). */

/** A party that talks to MitID: a bank (registration authority), a service, an OIDC client next. */
export interface ClientsTable {
  /** Stable and public: 'minbank', 'mitid.dk'. Other tables name clients by it. */
  id: string;
  /** Shown to people: "Log på hos {name}", "Du får MitID gennem {name}". */
  name: string;
  /** Only an active client authenticates or starts anything. */
  status: 'active' | 'disabled';
  /** JSON array of Permission (Client.ts). */
  permissions: string;
  /** A registration authority's origin: its return URLs must lie on it. */
  origin: string | null;
  /** JSON array of the redirect URIs, matched exactly. */
  redirect_uris: string;
  /** Where "back to the service" links go. */
  home_url: string | null;
  /** 1: lives in MitID's own process (MitID.dk): no secret, no token endpoint. */
  internal: number;
  /** Issue 9/10: the OIDC claim dialect, the test-client flag, further settings (JSON). */
  dialect: string | null;
  test_client: number;
  settings: string;
  created_at: number;
  updated_at: number;
}

/** A client's secret, kept only as its keyed hash (clientSecretHash.ts). A client may have several. */
export interface ClientSecretsTable {
  /** Random (ClientAdmin), or `config:<client id>` for the one written from the settings at start. */
  id: string;
  client_id: string;
  /** base64url(HMAC-SHA-256(clientSecretKey, client_id ‖ 0x00 ‖ secret)). */
  hash: string;
  /** 'config': BANK_CLIENT_SECRET, replaced at every start; 'admin': made by ClientAdmin. */
  source: 'config' | 'admin';
  created_at: number;
  /**
   * An OpenID Connect client's secret sealed under a key derived from clientSecretKey
   * (clientSecretHash.ts: HS256 request objects need the secret itself); null for other clients.
   */
  sealed: string | null;
  /** After this the secret no longer authenticates (a rotation's overlap); null: no end. */
  expires_at: number | null;
}

export interface ClientTables {
  clients: ClientsTable;
  client_secrets: ClientSecretsTable;
}
