// The first admin a benchmark's product is started with (MERGELINE_ADMIN_* settings).
export const benchAdmin = {
  email: "bench-admin@mergeline.local",
  password: "bench correct horse battery staple",
  apiKey: "bench-admin-api-key-0123456789abcdef",
};

export const benchAdminEnv = {
  MERGELINE_ADMIN_EMAIL: benchAdmin.email,
  MERGELINE_ADMIN_PASSWORD: benchAdmin.password,
  MERGELINE_ADMIN_API_KEY: benchAdmin.apiKey,
};
