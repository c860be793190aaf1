// Tarball test backend (Express + @notp/node-sdk): serves the built apps and /api/me, validating the Bearer session.
import NotpClient from '@notp/node-sdk';
import express from 'express';

const projectId = process.env.NOTP_PROJECT_ID ?? '';
const baseUrl = process.env.NOTP_BASE_URL ?? '';
const notp = NotpClient({ projectId, baseUrl });
const app = express();

app.get('/config.js', (_req, res) => {
  res.type('application/javascript').send(`window.NOTP_CFG = ${JSON.stringify({ projectId, baseUrl })};`);
});

app.get('/api/me', async (req, res) => {
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  try {
    const auth = await notp.validateSession(token);
    res.json({ userId: auth.token.sub });
  } catch {
    res.status(401).json({ error: 'not logged in' });
  }
});

for (const name of ['react', 'vue', 'html']) app.use(`/${name}`, express.static(`${name}/dist`));

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});
