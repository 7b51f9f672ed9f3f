"""Extension objects, created here and bound to the app in `create_app` (nothing else happens here)."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from app.core.orm import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
compress = Compress()
login_manager = LoginManager()
csrf = CSRFProtect()
# Limits are set on the routes that need them (sign-in, password links, the match API); the counts live
# where RATELIMIT_STORAGE_URI says (CARREFOUR_RATELIMIT_STORAGE; memory:// for one process).
limiter = Limiter(key_func=get_remote_address, default_limits=[])
