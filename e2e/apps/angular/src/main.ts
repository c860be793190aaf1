// Bootstraps the module-based example app (the seed's app.module.ts shape).
import { platformBrowser } from '@angular/platform-browser';
import { AppModule } from './app/app.module';

platformBrowser()
  .bootstrapModule(AppModule)
  .catch((err: unknown) => console.error(err));
